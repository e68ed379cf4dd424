package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PrintTopologyCommandTest {

    @Test
    void shouldDescribeTheNamedNodesStoreAndTopicsWithoutAnyCluster() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        int exit = cli.execute("print-topology", "--prefix", "desk.");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .containsPattern("Source: ingest-source \\(topics: \\[[a-z., ]+\\]\\)")
                .contains("Processor: risk-engine (stores: [rollup-state])")
                .contains("Sink: alerts-sink (topic: desk.risk.alerts)")
                .contains("Sink: dlq-sink (topic: desk.dlq)")
                .contains("Sink: indicators-sink (topic: desk.risk.indicators)")
                .contains("Sink: status-sink (topic: desk.risk.status)");
        String sourceTopics = out.toString().replaceAll("(?s).*Source: ingest-source \\(topics: \\[([^]]*)\\]\\).*", "$1");
        assertThat(sourceTopics.split(", ")).containsExactlyInAnyOrder("desk.ingest.batches", "desk.ingest.proofs",
                "desk.ingest.bridge", "desk.ingest.da", "desk.ingest.progress");
    }
}
