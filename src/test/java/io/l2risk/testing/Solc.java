package io.l2risk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Compiles Solidity test contracts offline with solc-js (installed from npm by the build, see
 * {@link NodeTools}) through its standard-JSON interface, run by {@code node}.
 */
public final class Solc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    // Reads the standard-JSON input on stdin and prints solc's standard-JSON output.
    private static final String SCRIPT = "const solc = require(process.argv[1]);"
            + "let input = '';"
            + "process.stdin.on('data', d => input += d);"
            + "process.stdin.on('end', () => process.stdout.write(solc.compile(input)));";

    /**
     * One compiled contract.
     *
     * @param runtimeBytecode the deployed (runtime) code, {@code 0x}-prefixed hex, as {@code anvil_setCode} takes it
     * @param abi the ABI as JSON
     * @param methodIdentifiers function signature to 4-byte selector (hex without {@code 0x})
     */
    public record Compiled(String runtimeBytecode, String abi, Map<String, String> methodIdentifiers) {
    }

    private Solc() {
    }

    /** Compiles {@code source} and returns contract {@code contractName}; fails on any compiler error. */
    public static Compiled compile(String contractName, String source) {
        Compiled contract = compileAll(Map.of("Test.sol", source)).get(contractName);
        if (contract == null) {
            throw new IllegalArgumentException("No contract " + contractName + " in the source");
        }
        return contract;
    }

    /**
     * Compiles several source files together and returns every contract (interfaces and abstract contracts
     * included, with empty bytecode {@code 0x}) by name; fails on any compiler error or when two files
     * declare a contract of the same name.
     *
     * @param sources file name to Solidity source; a file imports another as {@code import "./Other.sol";}
     */
    public static Map<String, Compiled> compileAll(Map<String, String> sources) {
        Path solc = NodeTools.require("solc");
        ObjectNode input = JSON.createObjectNode().put("language", "Solidity");
        ObjectNode inputSources = input.putObject("sources");
        sources.forEach((file, source) -> inputSources.putObject(file).put("content", source));
        ObjectNode settings = input.putObject("settings");
        settings.putObject("optimizer").put("enabled", false);
        settings.putObject("outputSelection").putObject("*").putArray("*")
                .add("abi").add("evm.deployedBytecode.object").add("evm.methodIdentifiers");
        JsonNode output;
        try {
            output = JSON.readTree(run(solc, input.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("solc-js answered no JSON", e);
        }
        StringBuilder errors = new StringBuilder();
        output.path("errors").forEach(e -> {
            if ("error".equals(e.path("severity").asText())) {
                errors.append(e.path("formattedMessage").asText()).append('\n');
            }
        });
        if (errors.length() > 0) {
            throw new IllegalArgumentException("solc rejected the source:\n" + errors);
        }
        Map<String, Compiled> contracts = new LinkedHashMap<>();
        output.path("contracts").properties().forEach(file -> file.getValue().properties().forEach(entry -> {
            JsonNode contract = entry.getValue();
            Map<String, String> selectors = new LinkedHashMap<>();
            contract.path("evm").path("methodIdentifiers").properties()
                    .forEach(e -> selectors.put(e.getKey(), e.getValue().asText()));
            Compiled compiled = new Compiled("0x" + contract.path("evm").path("deployedBytecode").path("object").asText(),
                    contract.path("abi").toString(), Map.copyOf(selectors));
            if (contracts.put(entry.getKey(), compiled) != null) {
                throw new IllegalArgumentException("Two contracts named " + entry.getKey() + " in " + sources.keySet());
            }
        }));
        return Map.copyOf(contracts);
    }

    private static String run(Path solc, String input) {
        try {
            Process process = new ProcessBuilder("node", "-e", SCRIPT, solc.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("solc-js took longer than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("node exited with " + process.exitValue() + " compiling with solc-js");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run node with solc-js", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted compiling with solc-js", e);
        }
    }
}
