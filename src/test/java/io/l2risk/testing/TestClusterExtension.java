package io.l2risk.testing;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Resolves a {@link TestCluster} parameter: a real Kafka broker and a real Confluent-API schema
 * registry, started once per test JVM on first use and shared by every test class, stopped when the
 * test run ends.
 *
 * <pre>{@code
 * @ExtendWith(TestClusterExtension.class)
 * class MyIT {
 *     @Test
 *     void shouldDoSomething(TestCluster cluster) {
 *         String topic = cluster.uniqueName("alerts");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Which cluster: system property {@value #MODE_PROPERTY} = {@code in-process} or
 * {@code testcontainers}; unset (or {@code auto}), Testcontainers when a Docker engine is
 * reachable, otherwise the in-process broker and Apicurio process. The choice and its reason are
 * logged once.
 *
 * <p>The cluster lives in the root context's store, wrapped in an {@link AutoCloseable}, which JUnit 5.13+
 * closes at the end of the run ({@code ExtensionContext.Store.CloseableResource} is deprecated in
 * 5.14).
 *
 * <p>For a cluster of your own with several brokers (to stop one), use {@link TestClusters}.
 */
public final class TestClusterExtension implements ParameterResolver {

    public static final String MODE_PROPERTY = "l2risk.test.cluster";

    private static final Logger log = LoggerFactory.getLogger(TestClusterExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(TestClusterExtension.class);
    private static final String KEY = "shared-test-cluster";

    /** Which implementation to start, and why (for the log). */
    record Choice(String kind, String reason) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Shared shared = extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> Shared.start(), Shared.class);
        if (shared.failure != null) {
            throw new ParameterResolutionException("Cannot start the shared test cluster: "
                    + shared.failure.getMessage(), shared.failure);
        }
        return shared.cluster;
    }

    /**
     * The store's value: the started cluster, or why it could not start (remembered, so the other
     * tests of the run fail at once instead of each trying again). Closed by JUnit at the end.
     */
    private static final class Shared implements AutoCloseable {
        private final TestCluster cluster;
        private final RuntimeException failure;

        private Shared(TestCluster cluster, RuntimeException failure) {
            this.cluster = cluster;
            this.failure = failure;
        }

        static Shared start() {
            try {
                return new Shared(startShared(), null);
            } catch (RuntimeException e) {
                log.error("The shared test cluster did not start; every test that needs it fails", e);
                return new Shared(null, e);
            }
        }

        @Override
        public void close() throws Exception {
            if (cluster instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static TestCluster startShared() {
        BooleanSupplier dockerAvailable = () -> DockerClientFactory.instance().isDockerAvailable();
        Choice choice = choose(System.getProperty(MODE_PROPERTY), dockerAvailable);
        log.info("Integration tests use the {} cluster: {}", choice.kind(), choice.reason());
        if (ContainerTestCluster.KIND.equals(choice.kind()) && !dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(MODE_PROPERTY + "=" + ContainerTestCluster.KIND
                    + " but Testcontainers finds no Docker engine; start one, or drop the property to use the "
                    + InProcessTestCluster.KIND + " cluster");
        }
        long startNanos = System.nanoTime();
        TestCluster cluster = ContainerTestCluster.KIND.equals(choice.kind())
                ? ContainerTestCluster.start()
                : InProcessTestCluster.start();
        log.info("Shared test cluster ready in {} ms: {}", (System.nanoTime() - startNanos) / 1_000_000, cluster);
        return cluster;
    }

    /**
     * Picks the implementation from the {@value #MODE_PROPERTY} value; asks {@code dockerAvailable}
     * only when the property leaves the choice open.
     */
    static Choice choose(String mode, BooleanSupplier dockerAvailable) {
        String normalized = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        switch (normalized) {
            case InProcessTestCluster.KIND:
                return new Choice(InProcessTestCluster.KIND, MODE_PROPERTY + "=" + InProcessTestCluster.KIND);
            case ContainerTestCluster.KIND:
                return new Choice(ContainerTestCluster.KIND, MODE_PROPERTY + "=" + ContainerTestCluster.KIND);
            case "":
            case "auto":
                return dockerAvailable.getAsBoolean()
                        ? new Choice(ContainerTestCluster.KIND, "a Docker engine is available")
                        : new Choice(InProcessTestCluster.KIND, "no Docker engine is available");
            default:
                throw new IllegalArgumentException(MODE_PROPERTY + " must be " + InProcessTestCluster.KIND + ", "
                        + ContainerTestCluster.KIND + " or auto, got '" + mode + "'");
        }
    }
}
