package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.stemvault.application.drive.DriveAccounts;
import org.stemvault.application.drive.DriveApi;
import org.stemvault.application.drive.DriveLibrary;
import org.stemvault.application.drive.DriveSync;
import org.stemvault.application.drive.TokenCipher;
import org.stemvault.application.job.Uploads;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.drive.DriveGrants;
import org.stemvault.domain.drive.DriveImports;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.ops.Leases;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.google.GoogleDrive;

/**
 * Google Drive, when {@code stemvault.drive.token-keys} is set: without it none of these beans
 * exists and the Drive routes are not served (they answer as unknown routes).
 */
@Factory
@Requires(property = "stemvault.drive.token-keys", pattern = ".*\\S.*")
final class DriveWiring {

    static final String WEBHOOK_PATH = "/api/webhooks/drive";

    @Singleton
    TokenCipher tokenCipher(DriveSettings settings) {
        Map<String, byte[]> keys = settings.keys();
        return new TokenCipher(keys, settings.currentKey(keys));
    }

    @Singleton
    DriveApi driveApi(
            DriveSettings settings,
            @Value("${micronaut.security.oauth2.clients.google.openid.issuer}") String issuer,
            @Value("${micronaut.security.oauth2.clients.google.client-id}") String clientId,
            @Value("${micronaut.security.oauth2.clients.google.client-secret}") String clientSecret,
            Clock clock) {
        return new GoogleDrive(
                new GoogleDrive.Settings(
                        issuer,
                        clientId,
                        clientSecret,
                        settings.apiUrl(),
                        settings.firstBackoff(),
                        settings.mostBackoff(),
                        settings.timeout()),
                clock);
    }

    @Singleton
    DriveAccounts driveAccounts(
            DriveApi api,
            DriveGrants grants,
            DriveFolders folders,
            PendingLogins pending,
            TokenCipher cipher,
            Clock clock) {
        return new DriveAccounts(api, grants, folders, pending, cipher, clock);
    }

    @Singleton
    DriveLibrary driveLibrary(
            Catalogue catalogue,
            DriveFolders folders,
            DriveImports imports,
            DriveAccounts accounts,
            DriveApi api,
            Uploads uploads,
            Clock clock,
            JobSettings jobs) {
        return new DriveLibrary(
                catalogue,
                folders,
                imports,
                accounts,
                api,
                uploads,
                clock,
                jobs.uploads().maxBytes());
    }

    @Singleton
    DriveSync driveSync(
            DriveFolders folders,
            Profiles profiles,
            DriveAccounts accounts,
            DriveLibrary library,
            DriveApi api,
            Leases leases,
            Clock clock,
            DriveSettings settings,
            @Value("${stemvault.http.public-url:}") String publicUrl) {
        String webhook =
                settings.webhookUrl() != null && !settings.webhookUrl().isBlank()
                        ? settings.webhookUrl().strip()
                        : publicUrl.isBlank()
                                ? null
                                : publicUrl.replaceAll("/$", "") + WEBHOOK_PATH;
        if (webhook == null) {
            LoggerFactory.getLogger(DriveWiring.class)
                    .warn(
                            "drive: neither STEMVAULT_DRIVE_WEBHOOK_URL nor STEMVAULT_PUBLIC_URL is"
                                    + " set: no change channel is made, Drive files arrive only by"
                                    + " import");
        }
        return new DriveSync(
                folders,
                profiles,
                accounts,
                library,
                api,
                leases,
                clock,
                new DriveSync.Settings(
                        settings.channelLifetime(), settings.renewBefore(), webhook));
    }
}
