package com.voicegateway;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment of the integration tests: the EAR the reactor built ({@code ear/target/voice-gateway.ear},
 * system property {@code it.ear}), imported as it is, with the in-container test classes (every {@code
 * *InContainerIT}) added to its web module. They need nothing from the test sources but themselves and their
 * base class, {@link DeployedGateway} (and the gateway's classes, JUnit and Arquillian, which the deployment has).
 * Arquillian's servlet protocol then adds its test runner to that web module and the JUnit and Arquillian jars to the
 * EAR's lib/. Black-box tests deploy the same archive, so whichever class runs first, the deployment is the same.
 */
public final class GatewayEar {

    /** An in-container test's class name ends so; every such class of the test classes goes into the deployment. */
    static final String IN_CONTAINER_SUFFIX = "InContainerIT";

    /** Built once per JVM: Arquillian asks every class for its deployment, and the EAR is 40 MB. */
    private static EnterpriseArchive built;

    private GatewayEar() {
    }

    public static synchronized EnterpriseArchive withInContainerTests() {
        if (built == null) {
            built = importBuilt();
        }
        return built;
    }

    private static EnterpriseArchive importBuilt() {
        File built = new File(Objects.requireNonNull(System.getProperty("it.ear"), "it.ear, the EAR's path (src/it/pom.xml)"));
        if (!built.isFile()) {
            throw new IllegalStateException("no EAR at " + built.getAbsolutePath()
                    + ": the integration tests deploy the EAR the reactor built; run them from the root (mvn verify)");
        }
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, built.getName()).importFrom(built).as(EnterpriseArchive.class);
        List<ArchivePath> wars = List.copyOf(ear.getContent(Filters.include("/[^/]+\\.war")).keySet());
        if (wars.size() != 1) {
            throw new IllegalStateException("the EAR should hold one web module, the gateway: " + wars);
        }
        WebArchive gateway = ear.getAsType(WebArchive.class, wars.get(0));
        // their base class comes along (its deployment method is never called in there)
        gateway.addClasses(DeployedGateway.class, GatewayEar.class);
        for (String test : inContainerTests()) {
            gateway.addClass(test);
        }
        return ear;
    }

    /** The in-container test classes, found where this class was loaded from (the test jar, or test-classes/). */
    static List<String> inContainerTests() {
        try {
            Path where = Path.of(GatewayEar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.map(file -> where.relativize(file).toString().replace(File.separatorChar, '/')).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().map(JarEntry::getName).forEach(names::add);
                }
            }
            List<String> tests = names.stream().filter(name -> name.endsWith(IN_CONTAINER_SUFFIX + ".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.')).sorted().toList();
            if (tests.isEmpty()) {
                throw new IllegalStateException("no *" + IN_CONTAINER_SUFFIX + " class in " + where);
            }
            return tests;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the test classes", e);
        }
    }
}
