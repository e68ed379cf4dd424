package io.l2risk.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides the secret part of RPC endpoint URLs before they reach a log, a metric or an error message.
 * Providers put API keys in the path ({@code https://eth-mainnet.g.alchemy.com/v2/KEY},
 * {@code https://mainnet.infura.io/v3/KEY}, {@code https://x.quiknode.pro/TOKEN/}), in the query
 * ({@code ?apikey=KEY}) or in the user info ({@code https://user:pass@host}); all of these become
 * {@code ***}. Scheme, host, port and ordinary path segments stay, so the endpoint is still
 * recognisable.
 */
public final class RpcUrls {

    /** What replaces a secret. */
    public static final String MASK = "***";

    // A segment this long made only of key characters is a key; short words like "rpc" or "eth" are not.
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{16,}");
    // Version markers after which providers place the key, whatever its length.
    private static final Pattern VERSION = Pattern.compile("v\\d+");

    private RpcUrls() {
    }

    /**
     * {@code url} with every secret-looking part replaced by {@link #MASK}. Returns {@link #MASK} for
     * a string that does not parse as a URL, since it may be a key itself.
     */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return MASK;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return MASK;
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme().toLowerCase(Locale.ROOT)).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(MASK).append('@');
        }
        String host = uri.getHost() != null ? uri.getHost() : hostOf(uri.getRawAuthority());
        out.append(host);
        if (uri.getPort() != -1) {
            out.append(':').append(uri.getPort());
        }
        out.append(redactPath(uri.getRawPath()));
        if (uri.getRawQuery() != null) {
            out.append('?').append(redactQuery(uri.getRawQuery()));
        }
        // A fragment never reaches the server; drop it rather than judge it.
        return out.toString();
    }

    private static String hostOf(String authority) {
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    private static String redactPath(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        boolean afterVersion = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i > 0) {
                out.append('/');
            }
            if (segment.isEmpty()) {
                continue;
            }
            boolean secret = afterVersion || KEY_LIKE.matcher(segment).matches();
            out.append(secret ? MASK : segment);
            afterVersion = VERSION.matcher(segment).matches();
        }
        return out.toString();
    }

    private static String redactQuery(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            // A bare value without a name may be a key as well.
            out.append(eq < 0 ? MASK : pair.substring(0, eq + 1) + MASK);
        }
        return out.toString();
    }
}
