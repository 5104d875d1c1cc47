package org.stemvault.web.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The origin ({@code scheme://host[:port]}) of a URL, as the CSRF guard and the host use it. */
final class Origins {

    private Origins() {}

    /** The origin of an absolute URL; empty for a relative or malformed one. */
    static Optional<String> of(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
