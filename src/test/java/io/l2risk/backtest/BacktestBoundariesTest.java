package io.l2risk.backtest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The backtest runs the engine without Kafka: what makes "backtest == topology" a statement about the engine. */
class BacktestBoundariesTest {

    @Test
    void theBacktestHasNoKafkaTypes() {
        noClasses().that().resideInAPackage("io.l2risk.backtest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.l2risk.streams..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.l2risk.backtest"));
    }
}
