package org.stemvault.bootstrap;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.stemvault.application.access.Access;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.files.legacy.LegacyTreeReader;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.worker.WorkerToken;

/** The service's command line, for operators on a server without a browser: {@code java -jar stemvault.jar <command>}. */
final class Cli {

    static final String CLI_ENVIRONMENT = "cli";
    private static final Set<String> COMMANDS = Set.of("mint-worker-token", "revoke-worker-token", "worker-tokens",
            "grant", "revoke", "members", "create-profile", "promote-admin", "demote-admin", "import-legacy", "backfill-embeddings", "help",
            "--help");

    private static final String USAGE = """
            Usage: java -jar stemvault.jar <command> [options]

            Commands:
              create-profile NAME --source-folder DIR [--strategy NAME]
                                                            create a profile
              grant PROFILE EMAIL                           give EMAIL access to PROFILE (works before that
                                                            person ever signed in)
              revoke PROFILE EMAIL                          take that access away, at once
              members PROFILE                               list a profile's members: email, name, since
              promote-admin EMAIL                           make EMAIL an admin (the first admin, typically)
              demote-admin EMAIL                            make an admin a member (never the last one)
              mint-worker-token --name NAME [--days DAYS]   mint a token for a processing worker (default 90 days,
                                                            at most 366); prints its id and the bearer token once
              revoke-worker-token ID                        revoke a worker token at once
              worker-tokens                                 list worker tokens: id, name, expiry, revoked
              import-legacy --config FILE --media DIR [--dry-run]
                                                            bring a JSON-on-disk stem library in: profiles from the
                                                            config, every recording of DIR/<profile>/ in its own
                                                            transaction; safe to run again (0 new the second time);
                                                            exit 0 only when nothing failed
              backfill-embeddings --space NAME              recompute every recording's vector in a text space
                                                            with the built-in model (progress bar on a terminal)
              help                                          this text

            Every change is written to the audit log with the actor "cli".

            The database and the signing key come from the same environment as the service's
            (DATABASE_URL, STEMVAULT_JWT_SECRET, MICRONAUT_ENVIRONMENTS).""";

    private Cli() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs one command; answers the process exit code (0 done, 1 failed, 2 misused). */
    static int run(List<String> args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        String command = args.get(0);
        if (command.equals("help") || command.equals("--help")) {
            out.println(USAGE);
            return 0;
        }
        Map<String, Object> quiet = new java.util.HashMap<>(properties);
        quiet.put("logger.levels.root", "WARN");
        try (ApplicationContext context = ApplicationContext.builder().environments(CLI_ENVIRONMENT)
                .properties(quiet).start()) {
            Access access = context.getBean(Access.class);
            Access.Admin operator = Access.operator();
            switch (command) {
                case "backfill-embeddings" -> {
                    String spaceName = option(args, "--space");
                    if (spaceName == null) {
                        return misuse(err, "backfill-embeddings needs --space NAME");
                    }
                    org.stemvault.domain.embedding.EmbeddingSpace space =
                            context.getBean(org.stemvault.application.search.Similarity.class).space(spaceName);
                    if (space.source() != org.stemvault.domain.embedding.EmbeddingSpace.Source.TEXT) {
                        err.println("stemvault: space '" + spaceName + "' takes its vectors from workers, not from text");
                        return 1;
                    }
                    org.stemvault.application.search.TextIndex index =
                            context.getBean(org.stemvault.application.search.TextIndex.class);
                    int total = index.total();
                    try (me.tongfei.progressbar.ProgressBar bar = new me.tongfei.progressbar.ProgressBarBuilder()
                            .setTaskName("backfill " + spaceName).setInitialMax(total).build()) {
                        int done = index.backfill(space, n -> bar.stepTo(n));
                        out.println("embedded " + done + " recordings in space " + spaceName);
                    }
                    return 0;
                }
                case "import-legacy" -> {
                    String config = option(args, "--config");
                    String mediaDir = option(args, "--media");
                    if (config == null || mediaDir == null) {
                        return misuse(err, "import-legacy needs --config FILE and --media DIR");
                    }
                    return LegacyImportCommand.run(context.getBean(LegacyImport.class),
                            new LegacyTreeReader(Path.of(config), Path.of(mediaDir)), args.contains("--dry-run"), out);
                }
                case "create-profile" -> {
                    String folder = option(args, "--source-folder");
                    if (args.size() < 2 || args.get(1).startsWith("--") || folder == null) {
                        return misuse(err, "create-profile needs NAME and --source-folder DIR");
                    }
                    access.createProfile(operator, args.get(1), folder, option(args, "--strategy"));
                    out.println("created profile " + args.get(1));
                    return 0;
                }
                case "grant", "revoke" -> {
                    if (args.size() != 3) {
                        return misuse(err, command + " needs PROFILE and EMAIL");
                    }
                    boolean changed = command.equals("grant") ? access.grant(operator, args.get(1), args.get(2))
                            : access.revoke(operator, args.get(1), args.get(2));
                    out.println((changed ? command.equals("grant") ? "granted " : "revoked "
                            : command.equals("grant") ? "already a member: " : "was not a member: ")
                            + args.get(2) + " on " + args.get(1));
                    return 0;
                }
                case "members" -> {
                    if (args.size() != 2) {
                        return misuse(err, "members needs PROFILE");
                    }
                    for (Access.Member m : access.members(operator, args.get(1))) {
                        out.println(m.user().email() + "  " + (m.user().name() == null ? "(not signed in yet)"
                                : m.user().name()) + "  since " + m.grantedAt());
                    }
                    return 0;
                }
                case "promote-admin", "demote-admin" -> {
                    if (args.size() != 2) {
                        return misuse(err, command + " needs EMAIL");
                    }
                    access.setRole(operator, args.get(1), command.equals("promote-admin") ? Role.ADMIN : Role.MEMBER);
                    out.println((command.equals("promote-admin") ? "admin: " : "member: ") + args.get(1));
                    return 0;
                }
                case "mint-worker-token" -> {
                    String name = option(args, "--name");
                    String days = option(args, "--days");
                    if (name == null) {
                        return misuse(err, "mint-worker-token needs --name NAME");
                    }
                    Workers.Minted minted = access.mintWorkerToken(operator, name,
                            Duration.ofDays(days == null ? 90 : Long.parseLong(days)));
                    out.println("id: " + minted.token().id());
                    out.println("expires: " + minted.token().expiresAt());
                    out.println("token: " + minted.bearer());
                    return 0;
                }
                case "revoke-worker-token" -> {
                    if (args.size() != 2) {
                        return misuse(err, "revoke-worker-token needs the token's ID");
                    }
                    access.revokeWorkerToken(operator, UUID.fromString(args.get(1)));
                    out.println("revoked " + args.get(1));
                    return 0;
                }
                default -> {
                    for (WorkerToken t : access.workerTokens(operator)) {
                        out.println(t.id() + "  " + t.name() + "  expires " + t.expiresAt()
                                + (t.revokedAt() == null ? "" : "  revoked " + t.revokedAt()));
                    }
                    return 0;
                }
            }
        } catch (NumberFormatException e) {
            return misuse(err, "--days takes a whole number of days");
        } catch (Invalid | NotFound | Conflict e) {
            err.println("stemvault: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            return misuse(err, "not a token id: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("stemvault: " + command + " failed: " + StartupFailure.explain(e, String.valueOf(
                    properties.get("datasources.default.url"))));
            return 1;
        }
    }

    private static int misuse(PrintStream err, String message) {
        err.println("stemvault: " + message);
        err.println(USAGE);
        return 2;
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
    }
}
