package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import org.stemvault.application.job.Dispatch;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.web.job.HttpPushWorker;

/** The push dispatcher, when {@code STEMVAULT_WORKER_URL} names a push worker. */
@Factory
@Requires(property = "stemvault.worker.url", pattern = ".+")
final class PushWiring {

    @Singleton
    Dispatch dispatch(
            Jobs jobs,
            Profiles profiles,
            JsonMapper json,
            Clock clock,
            WorkerSettings worker,
            JobSettings settings,
            Provider<EmbeddedServer> server) {
        String base = worker.callbackBase();
        return new Dispatch(
                jobs,
                profiles,
                new HttpPushWorker(URI.create(worker.url()), worker.timeout(), json),
                clock,
                new Dispatch.Settings(
                        () ->
                                base == null || base.isBlank()
                                        ? server.get().getURL().toString()
                                        : base,
                        worker.sendLease(),
                        worker.callbackTimeout(),
                        settings.backoff(),
                        settings.outputFormat(),
                        settings.outputBitrate()));
    }
}
