package org.stemvault.web.page;

import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of the HTML pages the service writes itself ({@code /docs}, {@code /admin}): a
 * content security policy under which a page runs its own scripts and styles and nothing else
 * (files from this origin, and the page's own inline blocks, each allowed by its SHA-256), talks
 * only to this origin and cannot be framed; plus {@code nosniff} and no referrer sent to other
 * origins. Whatever HTML an attacker managed to slip into such a page could then neither run nor
 * send anything anywhere.
 */
public final class PageSecurity {

    /**
     * An inline block of the page's own: {@code <script>} or {@code <style>} without attributes.
     */
    private static final Pattern INLINE =
            Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private PageSecurity() {}

    /** The policy for {@code html}, its inline script and style blocks allowed by hash. */
    public static String policy(String html) {
        StringBuilder scripts = new StringBuilder();
        StringBuilder styles = new StringBuilder();
        Matcher m = INLINE.matcher(html);
        while (m.find()) {
            (m.group(1).equals("script") ? scripts : styles)
                    .append(" 'sha256-")
                    .append(sha256(m.group(2)))
                    .append('\'');
        }
        return "default-src 'none'; script-src 'self'"
                + scripts
                + "; style-src 'self'"
                + styles
                + "; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    /** {@code response} with the page headers, {@code policy} as its content security policy. */
    public static <T> MutableHttpResponse<T> headers(
            MutableHttpResponse<T> response, String policy) {
        return response.header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin");
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
