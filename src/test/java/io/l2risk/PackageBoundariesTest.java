package io.l2risk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package boundaries of style.md, enforced. */
class PackageBoundariesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.l2risk");
    }

    @Test
    void onlyTheIngestPackageTalksToWeb3j() {
        noClasses().that().resideOutsideOfPackage("io.l2risk.ingest..")
                .should().dependOnClassesThat().resideInAPackage("org.web3j..")
                .check(main);
    }

    @Test
    void theEngineHasNoKafkaTypes() {
        noClasses().that().resideInAPackage("io.l2risk.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "kafka..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void nobodyReachesIntoKafkaInternalsExceptTheEmbeddedBroker() {
        // The in-process broker is built from Kafka's server classes by design (design.md §2);
        // everything else uses public client and Streams APIs only.
        // One exception: RollupStateStore is a CachedStateStore, the only kind of store Streams 4.x lets
        // write before the transaction commits (see its class doc).
        noClasses().that().resideOutsideOfPackage("io.l2risk.embedded..")
                .and().doNotHaveFullyQualifiedName("io.l2risk.streams.RollupStateStore")
                .should().dependOnClassesThat().resideInAnyPackage("..internals..", "kafka..")
                .check(main);
    }

    @Test
    void generatedAvroClassesAndSerdesDoNotDependOnTheApplication() {
        noClasses().that().resideInAnyPackage("io.l2risk.serde..", "io.l2risk.avro..", "io.l2risk.records..",
                        "io.l2risk.eventfile..")
                .should().dependOnClassesThat().resideInAnyPackage("io.l2risk.app..", "io.l2risk.embedded..")
                .check(main);
    }

    @Test
    void onlyTheHttpPackageServesHttp() {
        noClasses().that().resideOutsideOfPackage("io.l2risk.http..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
                .check(main);
    }

    @Test
    void theHttpPackageDoesNotDependOnTheCommands() {
        // The commands wire the status server to RiskApp (through MonitoredEngine), not the other way round.
        noClasses().that().resideInAPackage("io.l2risk.http..")
                .should().dependOnClassesThat().resideInAPackage("io.l2risk.app..")
                .check(main);
    }
}
