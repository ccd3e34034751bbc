package com.voicegateway;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * One deployment of the gateway for the whole run (an Arquillian extension, registered in the test resources'
 * META-INF/services). Arquillian deploys a class's deployment before the class and undeploys it after; deploying the
 * EAR costs the application's start-up (a Hazelcast member, a Redis pool, its caches: 20-30 s here), so the first
 * class's deployment is done for real and every later class's deployment of the same name is bound to it (its
 * protocol metadata, so that URLs and the in-container runner point at the deployed application), and the
 * undeployments after each class are held back. The application then lives as long as the IT server: the build stops
 * the server after the tests, and the next run empties the server's dropins before starting it (src/it/pom.xml).
 * A later test JVM of the same run (DrainIT's failsafe execution) finds the EAR in the dropins and uses that
 * deployment rather than deploying it again.
 *
 * <p>Not arquillian-suite-extension, which does the same under JUnit 4 and loses assertion failures under JUnit 5:
 * here each test's result is Arquillian's own. Tests start only once the application reports ready: before the first
 * class of each JVM this waits for {@code /health/ready} ({@link ReadyGate}).
 */
public final class OneDeployment implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Holder.class);
    }

    /** The servlet of Arquillian's servlet protocol (Jakarta EE 9+), which the Liberty container reports for a testable EAR. */
    private static final String RUNNER = "ArquillianServletRunnerEE9";

    /** The deployed application, shared by every class of this JVM. */
    private record Deployed(String name, ProtocolMetaData metaData) {
    }

    public static final class Holder {

        private static volatile Deployed deployed;
        /** Why the deployment failed: every later class fails with it rather than trying again for minutes. */
        private static volatile Exception failed;

        @Inject
        @DeploymentScoped
        private InstanceProducer<DeploymentDescription> descriptionProducer;

        @Inject
        @DeploymentScoped
        private InstanceProducer<Deployment> deploymentProducer;

        @Inject
        @DeploymentScoped
        private InstanceProducer<ProtocolMetaData> metaDataProducer;

        /** Inside Arquillian's deployment context (lower precedence than the handler that activates it). */
        public void deploy(@Observes(precedence = -100) EventContext<DeployDeployment> context) throws Exception {
            Deployment deployment = context.getEvent().getDeployment();
            String name = deployment.getDescription().getName();
            if (failed != null) {
                throw new IllegalStateException("the run's deployment of the gateway failed", failed);
            }
            Deployed current = deployed;
            if (current == null) {
                try {
                    deployed = deployOrAdopt(context, deployment, name);
                } catch (Exception e) {
                    failed = e;
                    throw e;
                }
                return;
            }
            if (!current.name().equals(name)) {
                throw new IllegalStateException("one deployment per run, " + current.name() + "; this class asks for " + name
                        + ": extend DeployedGateway");
            }
            bind(deployment, current.metaData());
        }

        /** The first class of this JVM: deploys the EAR, or takes the deployment an earlier JVM of the run made. */
        private Deployed deployOrAdopt(EventContext<DeployDeployment> context, Deployment deployment, String name) {
            Path inDropins = Path.of(Objects.requireNonNull(System.getProperty("it.dropins"), "it.dropins, the IT server's dropins (src/it/pom.xml)"),
                    deployment.getDescription().getArchive().getName());
            URI base = URI.create(System.getProperty("gateway.url"));
            ProtocolMetaData metaData;
            if (Files.exists(inDropins)) {
                // an earlier test JVM of this run deployed it
                metaData = new ProtocolMetaData().addContext(
                        new HTTPContext(base.getHost(), base.getPort()).add(new Servlet(RUNNER, "/")));
                bind(deployment, metaData);
            } else {
                context.proceed(); // the real deployment: the container exports the archive and waits for it to start
                metaData = metaDataProducer.get();
                checkUrl(metaData, base);
            }
            ReadyGate.awaitReady(base.resolve("/health/ready"), Duration.ofSeconds(Long.getLong("it.ready-timeout-s", 240)));
            return new Deployed(name, metaData);
        }

        /** This class's deployment is the application already deployed. */
        private void bind(Deployment deployment, ProtocolMetaData metaData) {
            descriptionProducer.set(deployment.getDescription());
            deploymentProducer.set(deployment);
            metaDataProducer.set(metaData);
            deployment.deployed();
        }

        /** After a class: the application stays. */
        public void undeploy(@Observes(precedence = -100) EventContext<UnDeployDeployment> context) {
            context.getEvent().getDeployment().undeployed();
        }

        /**
         * At the end of the run Arquillian disconnects from the server (its container's stop: the server itself is
         * the build's to stop); a server that a test stopped (DrainIT) has no connection left to close.
         */
        public void disconnect(@Observes EventContext<StopContainer> context) {
            if (ItServer.running()) {
                context.proceed();
            } else {
                System.out.println("OneDeployment: the IT server has stopped; nothing to disconnect from");
            }
        }

        /** The URL Arquillian deployed to must be the one the black-box tests call ({@code gateway.url}). */
        private static void checkUrl(ProtocolMetaData metaData, URI expected) {
            HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
            if (http.getPort() != expected.getPort()) {
                throw new IllegalStateException("Arquillian deployed to port " + http.getPort() + ", the tests call " + expected);
            }
        }
    }
}
