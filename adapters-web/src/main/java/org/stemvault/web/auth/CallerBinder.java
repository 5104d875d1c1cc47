package org.stemvault.web.auth;

import io.micronaut.core.bind.ArgumentBinder.BindingResult;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gives a controller method whoever the request acts for, as the application knows them, instead of
 * Micronaut's {@link Authentication}: one binder per type ({@code Principal}, {@code Viewer},
 * {@code Caller}), each waiting, like Micronaut's own binder, until the security filter has
 * authenticated the request.
 */
abstract class CallerBinder<T> implements TypedRequestArgumentBinder<T> {

    private final Argument<T> type;
    private final Function<Authentication, T> resolve;

    CallerBinder(Class<T> type, Function<Authentication, T> resolve) {
        this.type = Argument.of(type);
        this.resolve = resolve;
    }

    @Override
    public Argument<T> argumentType() {
        return type;
    }

    @Override
    public BindingResult<T> bind(ArgumentConversionContext<T> context, HttpRequest<?> request) {
        if (!request.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.unsatisfied();
        }
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return BindingResult.empty();
        }
        T value = resolve.apply(authentication.get());
        return () -> Optional.of(value);
    }
}
