package io.l2risk.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status page, served from the jar ({@value #ROOT} on the class path): a fixed list of files,
 * no directory listing, no path from the request ever reaches the class loader.
 */
final class StaticResources {

    static final String ROOT = "web/";

    /** URL path → resource name and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/assets/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
            "/assets/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

    /** Only our own files, no inline script or style, no framing. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    boolean serves(String path) {
        return FILES.containsKey(path);
    }

    Optional<Response> get(String path) {
        String[] file = FILES.get(path);
        if (file == null) {
            return Optional.empty();
        }
        byte[] body = cache.computeIfAbsent(file[0], StaticResources::load);
        return Optional.of(new Response(200, file[1], body, Map.of(
                "Cache-Control", "no-cache",
                "Content-Security-Policy", CSP,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer")));
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ROOT + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + ROOT + name, e);
        }
    }
}
