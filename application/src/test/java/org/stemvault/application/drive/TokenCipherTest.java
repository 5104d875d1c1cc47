package org.stemvault.application.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refresh tokens sealed at rest: AES-256-GCM, bound to their owner, under a named key. */
class TokenCipherTest {

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    final TokenCipher cipher = new TokenCipher(Map.of("k1", key(1)), "k1");

    @Test
    void a_sealed_token_opens_for_its_owner_and_shows_nothing_of_itself() {
        TokenCipher.Sealed sealed = cipher.seal("1//refresh-token", "user-a");
        assertEquals("k1", sealed.keyId());
        assertFalse(sealed.value().contains("refresh"));
        assertFalse(
                new String(Base64.getDecoder().decode(sealed.value())).contains("refresh-token"));
        assertEquals("1//refresh-token", cipher.open(sealed, "user-a"));
        // a fresh nonce each time: the same token never seals the same way twice
        assertNotEquals(sealed.value(), cipher.seal("1//refresh-token", "user-a").value());
    }

    @Test
    void it_does_not_open_for_another_owner_nor_when_altered_nor_under_another_key() {
        TokenCipher.Sealed sealed = cipher.seal("1//refresh-token", "user-a");
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "user-b"));
        byte[] bytes = Base64.getDecoder().decode(sealed.value());
        bytes[bytes.length - 1] ^= 1;
        TokenCipher.Sealed altered =
                new TokenCipher.Sealed("k1", Base64.getEncoder().encodeToString(bytes));
        assertThrows(IllegalStateException.class, () -> cipher.open(altered, "user-a"));
        TokenCipher other = new TokenCipher(Map.of("k1", key(2)), "k1");
        assertThrows(IllegalStateException.class, () -> other.open(sealed, "user-a"));
        IllegalStateException gone =
                assertThrows(
                        IllegalStateException.class,
                        () -> new TokenCipher(Map.of("k2", key(1)), "k2").open(sealed, "user-a"));
        assertTrue(gone.getMessage().contains("'k1'"), gone.getMessage());
    }

    @Test
    void keys_rotate_new_tokens_under_the_current_one_old_ones_still_open() {
        TokenCipher.Sealed old = cipher.seal("old-token", "user-a");
        TokenCipher rotated = new TokenCipher(Map.of("k1", key(1), "k2", key(2)), "k2");
        assertEquals("old-token", rotated.open(old, "user-a"));
        assertEquals("k2", rotated.seal("new-token", "user-a").keyId());
        assertThrows(
                IllegalArgumentException.class, () -> new TokenCipher(Map.of("k1", key(1)), "k9"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TokenCipher(Map.of("k1", new byte[16]), "k1"));
    }
}
