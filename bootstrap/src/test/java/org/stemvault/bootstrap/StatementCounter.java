package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Counts the SQL statements the service prepares, and the commits and rollbacks, for tests that
 * bound the round trips of a request.
 */
@Singleton
@Requires(property = StatementCounter.PROPERTY, value = "true")
final class StatementCounter implements BeanCreatedEventListener<DataSource>, Ordered {

    /** The property that turns the counter on. */
    static final String PROPERTY = "stemvault.test.count-statements";

    /** The test application's properties with the counter on. */
    static Map<String, String> on() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put(PROPERTY, "true");
        return properties;
    }

    final AtomicInteger statements = new AtomicInteger();

    /** Commits and rollbacks: each is a round trip of its own. */
    final AtomicInteger ends = new AtomicInteger();

    /**
     * First, so that it wraps the pool itself and Micronaut's transaction-aware wrapper wraps it in
     * turn.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource target = event.getBean();
        return (DataSource)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            Object result = invoke(method, target, args);
                            return result instanceof Connection c
                                            && method.getName().equals("getConnection")
                                    ? count(c)
                                    : result;
                        });
    }

    private Connection count(Connection connection) {
        return (Connection)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")
                                    || method.getName().equals("createStatement")
                                    || method.getName().equals("prepareCall")) {
                                statements.incrementAndGet();
                            }
                            if (method.getName().equals("commit")
                                    || method.getName().equals("rollback")) {
                                ends.incrementAndGet();
                            }
                            return invoke(method, connection, args);
                        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
            throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
