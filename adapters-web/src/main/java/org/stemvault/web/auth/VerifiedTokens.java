package org.stemvault.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.reactivestreams.Publisher;
import org.stemvault.application.Settings;
import reactor.core.publisher.Mono;

/**
 * A short-lived cache of bearer and cookie tokens whose signature and claims have been verified: a
 * repeat of the same token within {@code stemvault.auth.verified-token-cache} (default 30 s, 0
 * turns it off) and before its own expiry skips parsing it and checking its signature again. It
 * holds only what the token itself says; whether the session is still open, the user still exists
 * and may see the profile is still read from the database on every request. Each instance keeps its
 * own: losing it costs one verification.
 */
@Singleton
final class VerifiedTokens
        implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator<?, ?>> {

    private static final long MAX_TOKENS = 50_000;

    private final Duration lifetime;
    private final Clock clock;

    @Inject
    VerifiedTokens(@Value("${stemvault.auth.verified-token-cache:30s}") String lifetime) {
        this(lifetime(lifetime), Clock.systemUTC());
    }

    /** The setting: {@code 0} (off) or a duration ({@code 30s}); Micronaut reads no bare 0. */
    static Duration lifetime(String value) {
        return Settings.zeroOrDuration(
                "STEMVAULT_VERIFIED_TOKEN_CACHE",
                value,
                v -> ConversionService.SHARED.convertRequired(v, Duration.class),
                "30s");
    }

    VerifiedTokens(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public ReactiveJsonWebTokenValidator<?, ?> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenValidator<?, ?>> event) {
        return wrap(event.getBean());
    }

    /** The validator with the cache in front of it; as it is when the lifetime is zero. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    ReactiveJsonWebTokenValidator<?, ?> wrap(ReactiveJsonWebTokenValidator<?, ?> validator) {
        return lifetime.isZero() || lifetime.isNegative() ? validator : new Caching(validator);
    }

    /** A verified token until the earlier of the cache's lifetime and the token's expiry. */
    private record Verified(Authentication authentication, Instant until) {}

    private final class Caching<T, R> implements ReactiveJsonWebTokenValidator<T, R> {

        private final ReactiveJsonWebTokenValidator<T, R> delegate;
        private final Cache<String, Verified> verified;

        Caching(ReactiveJsonWebTokenValidator<T, R> delegate) {
            this.delegate = delegate;
            this.verified =
                    Caffeine.newBuilder()
                            .maximumSize(MAX_TOKENS)
                            .expireAfter(
                                    new Expiry<String, Verified>() {
                                        @Override
                                        public long expireAfterCreate(
                                                String token, Verified v, long now) {
                                            return Math.max(
                                                    0,
                                                    Duration.between(clock.instant(), v.until())
                                                            .toNanos());
                                        }

                                        @Override
                                        public long expireAfterUpdate(
                                                String token, Verified v, long now, long left) {
                                            return expireAfterCreate(token, v, now);
                                        }

                                        @Override
                                        public long expireAfterRead(
                                                String token, Verified v, long now, long left) {
                                            return left;
                                        }
                                    })
                            .build();
        }

        @Override
        public Publisher<Authentication> validateToken(String token, R request) {
            Verified hit = verified.getIfPresent(token);
            if (hit != null && clock.instant().isBefore(hit.until())) {
                return Mono.just(hit.authentication());
            }
            return Mono.from(delegate.validateToken(token, request))
                    .doOnNext(
                            authentication -> {
                                Instant expires = expiry(authentication);
                                if (expires != null) {
                                    Instant cap = clock.instant().plus(lifetime);
                                    verified.put(
                                            token,
                                            new Verified(
                                                    authentication,
                                                    expires.isBefore(cap) ? expires : cap));
                                }
                            });
        }

        @Override
        public Publisher<T> validate(String token, R request) {
            return delegate.validate(token, request);
        }

        @Override
        public int getOrder() {
            return delegate.getOrder();
        }
    }

    /** The token's {@code exp}; null (not cached) when it has none. */
    private static Instant expiry(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        if (exp instanceof Date date) {
            return date.toInstant();
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
