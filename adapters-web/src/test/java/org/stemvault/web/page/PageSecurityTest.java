package org.stemvault.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PageSecurityTest {

    @Test
    void a_page_without_inline_blocks_may_only_load_from_its_own_origin() {
        assertEquals(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " font-src 'self'; connect-src 'self'; base-uri 'none';"
                        + " form-action 'self'; frame-ancestors 'none'",
                PageSecurity.policy("<script src=\"/docs/start.js\"></script>"));
    }

    @Test
    void each_inline_script_and_style_is_allowed_by_the_sha256_of_its_exact_text() {
        // the SHA-256 of the empty string, and of "a", each in base64
        String policy =
                PageSecurity.policy(
                        "<style></style><p onclick=\"x()\">\n<script>a</script><script type=\"module\">b</script>");
        assertEquals(
                "default-src 'none';"
                        + " script-src 'self' 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=';"
                        + " style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';"
                        + " img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none';"
                        + " form-action 'self'; frame-ancestors 'none'",
                policy);
    }
}
