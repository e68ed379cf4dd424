package io.l2risk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code run} started in this JVM through {@link Main#commandLine(Map)} (so with the option layers of
 * the real launcher), running in the background until {@link #stop()}: what the in-process
 * {@code run} tests share. Output and errors go to one buffer.
 */
final class InProcessRun {

    private static final Pattern STATUS_PAGE = Pattern.compile("Status page : (\\S+)");

    private final CommandLine cli;
    private final StringWriter out;
    private final CompletableFuture<Integer> exit;

    private InProcessRun(CommandLine cli, StringWriter out, CompletableFuture<Integer> exit) {
        this.cli = cli;
        this.out = out;
        this.exit = exit;
    }

    /**
     * Runs {@code run <args>} with {@code environment} and waits until it prints that it is running.
     *
     * @throws AssertionError if it exits instead, or is not running within {@code startTimeout}
     */
    static InProcessRun start(Map<String, String> environment, Duration startTimeout, String... args) {
        CommandLine cli = Main.commandLine(environment);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] command = new String[args.length + 1];
        command[0] = "run";
        System.arraycopy(args, 0, command, 1, args.length);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(command));
        await().atMost(startTimeout).until(() -> out.toString().contains("Running.") || exit.isDone());
        assertThat(exit).as(out.toString()).isNotDone();
        return new InProcessRun(cli, out, exit);
    }

    String output() {
        return out.toString();
    }

    /** The first group of {@code pattern} in the output so far. */
    String find(Pattern pattern) {
        Matcher matcher = pattern.matcher(output());
        assertThat(matcher.find()).as(output()).isTrue();
        return matcher.group(1);
    }

    /** The status page's URL from the banner, ending in {@code /}. */
    String statusPage() {
        return find(STATUS_PAGE);
    }

    /** GET {@code path} (relative to the status page, e.g. {@code api/rollups}). */
    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statusPage() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asks {@code run} to stop, as SIGTERM does, and returns its exit code. */
    int stop() throws Exception {
        ((RunCommand) cli.getSubcommands().get("run").getCommand()).stop();
        return exit.get(60, TimeUnit.SECONDS);
    }
}
