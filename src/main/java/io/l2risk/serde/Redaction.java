package io.l2risk.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Removes credentials from text that may end up in logs, exception messages or {@code toString()}.
 */
public final class Redaction {

    /** What a hidden secret looks like. */
    public static final String MASK = "***";

    // scheme://userinfo@ : userinfo never contains '/', '@' or whitespace.
    private static final Pattern URL_USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Redaction() {
    }

    /**
     * A URL without its user info, e.g. {@code https://user:pw@host:8081/x} → {@code https://host:8081/x}.
     * Text that does not parse as a URI still has any {@code scheme://userinfo@} part masked.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getRawUserInfo() == null) {
                return uri.toString();
            }
            if (uri.getHost() == null) {
                return text(url);
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath(), null, null)
                    .toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return text(url);
        }
    }

    /** Free text with every {@code scheme://userinfo@} replaced by {@code scheme://***@}. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        return URL_USERINFO.matcher(text).replaceAll(MASK + "@");
    }

    /** {@code user:password} → {@code user:***}; anything without a colon → {@code ***}. */
    public static String userInfo(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        return colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
    }
}
