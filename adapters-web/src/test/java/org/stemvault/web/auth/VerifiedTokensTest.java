package org.stemvault.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    /**
     * Stands in for Micronaut's JWT validator: it accepts the tokens it is given with their expiry,
     * and counts each verification.
     */
    static final class CountingValidator implements ReactiveJsonWebTokenValidator<Object, Object> {
        final Map<String, Instant> valid;
        final List<String> verified = new ArrayList<>();

        CountingValidator(Map<String, Instant> valid) {
            this.valid = valid;
        }

        @Override
        public Publisher<Authentication> validateToken(String token, Object request) {
            verified.add(token);
            Instant exp = valid.get(token);
            return exp == null
                    ? Mono.empty()
                    : Mono.just(
                            Authentication.build(
                                    "user",
                                    List.of("member"),
                                    Map.of("exp", exp.getEpochSecond())));
        }

        @Override
        public Publisher<Object> validate(String token, Object request) {
            return Mono.empty();
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();

    @SuppressWarnings("unchecked")
    ReactiveJsonWebTokenValidator<Object, Object> wrap(Duration lifetime, CountingValidator v) {
        return (ReactiveJsonWebTokenValidator<Object, Object>)
                new VerifiedTokens(lifetime, clock).wrap(v);
    }

    static String subject(Publisher<Authentication> answer) {
        Authentication a = Mono.from(answer).block();
        return a == null ? null : a.getName();
    }

    @Test
    void the_setting_is_zero_or_a_duration() {
        assertEquals(Duration.ZERO, VerifiedTokens.lifetime("0"));
        assertEquals(Duration.ofSeconds(30), VerifiedTokens.lifetime("30s"));
        for (String bad : List.of("", "soon", "-1s")) {
            IllegalArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalArgumentException.class, () -> VerifiedTokens.lifetime(bad));
            org.junit.jupiter.api.Assertions.assertTrue(
                    e.getMessage().startsWith("STEMVAULT_VERIFIED_TOKEN_CACHE"), e.getMessage());
        }
    }

    @Test
    void a_repeat_within_the_lifetime_is_not_verified_again_and_after_it_is() {
        CountingValidator v = new CountingValidator(Map.of("good", clock.now.plusSeconds(3600)));
        ReactiveJsonWebTokenValidator<Object, Object> cached = wrap(Duration.ofSeconds(30), v);
        assertEquals("user", subject(cached.validateToken("good", null)));
        clock.now = clock.now.plusSeconds(29);
        assertEquals("user", subject(cached.validateToken("good", null)));
        assertEquals(List.of("good"), v.verified);
        clock.now = clock.now.plusSeconds(2);
        assertEquals("user", subject(cached.validateToken("good", null)));
        assertEquals(List.of("good", "good"), v.verified);
    }

    @Test
    void a_token_is_never_taken_past_its_own_expiry_and_a_refused_one_is_never_remembered() {
        Instant exp = clock.now.plusSeconds(5);
        CountingValidator v = new CountingValidator(Map.of("short", exp));
        ReactiveJsonWebTokenValidator<Object, Object> cached = wrap(Duration.ofSeconds(30), v);
        assertEquals("user", subject(cached.validateToken("short", null)));
        clock.now = exp;
        // Past its expiry the delegate decides again (here it would still accept; the real one
        // refuses an expired token).
        cached.validateToken("short", null);
        assertEquals(2, v.verified.size());

        assertNull(subject(cached.validateToken("forged", null)));
        assertNull(subject(cached.validateToken("forged", null)));
        assertEquals(List.of("short", "short", "forged", "forged"), v.verified);
    }

    @Test
    void a_lifetime_of_zero_leaves_the_validator_as_it_is() {
        CountingValidator v = new CountingValidator(Map.of());
        assertEquals(v, wrap(Duration.ZERO, v));
    }
}
