package com.voicegateway;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test extends: Arquillian's JUnit 5 extension and the gateway's one deployment,
 * {@link GatewayEar}. Arquillian would deploy and undeploy it around each class; {@link OneDeployment} makes it one
 * deployment for the whole run, so the first class pays the deployment and readiness ({@link ReadyGate}) and every
 * later class finds the same application, with whatever state the earlier classes left in Redis and Hazelcast.
 * A black-box test adds {@code @RunAsClient} and talks to the deployed URL ({@code gateway.url}, checked against the
 * URL Arquillian reports); an in-container test leaves it off, {@code @Inject}s the real beans and is named
 * {@code *InContainerIT}, which puts it into the deployment ({@link GatewayEar}).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedGateway {

    /** The deployment's name: one name, so that every class's scenario names the same deployment. */
    public static final String NAME = "gateway";

    @Deployment(name = NAME)
    public static EnterpriseArchive gateway() {
        return GatewayEar.withInContainerTests();
    }
}
