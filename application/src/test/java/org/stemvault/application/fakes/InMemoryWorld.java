package org.stemvault.application.fakes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.stemvault.application.Transactions;
import org.stemvault.application.feedback.Ranker;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Position;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.ClipId;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.clip.Clips.Take;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Catalogue.Located;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaReferences;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.RecordingDetails;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Tracking;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;
import org.stemvault.domain.worker.WorkerTokens;

/**
 * Every port in memory, over one shared state, for use-case tests; proven faithful to the
 * PostgreSQL adapters by the contract tests that both pass. A transaction restores the whole state
 * when its work throws. Full-text search is a simplification (whole words, a trailing "s" ignored):
 * contract tests use only what both agree on.
 */
public final class InMemoryWorld implements Ports {

    /** PostgreSQL orders uuids by their bytes, which is the order of their text. */
    private static final Comparator<UUID> UUIDS = Comparator.comparing(UUID::toString);

    private final Set<Email> configuredAdmins;
    private State state = new State();
    private boolean inTransaction;

    public InMemoryWorld() {
        this(Set.of(new Email(CONFIGURED_ADMIN)));
    }

    public InMemoryWorld(Set<Email> configuredAdmins) {
        this.configuredAdmins = Set.copyOf(configuredAdmins);
    }

    /** Everything stored; every value is immutable, so a copy of the maps is a snapshot. */
    private static final class State {
        Map<UserId, User> users = new LinkedHashMap<>();
        Map<ProfileId, Profile> profiles = new LinkedHashMap<>();
        List<Membership> memberships = new ArrayList<>();
        Map<Sha256, AudioFile> audioFiles = new LinkedHashMap<>();
        Map<RecordingId, Recording> recordings = new LinkedHashMap<>();
        Map<List<Object>, Embedding> embeddings = new LinkedHashMap<>();
        Map<List<Object>, long[]> jobs = new LinkedHashMap<>();
        Map<List<Object>, Instant> jobsDue = new LinkedHashMap<>();
        List<AuditEntry> audit = new ArrayList<>();
        Map<WorkerTokenId, WorkerToken> tokens = new LinkedHashMap<>();
        Map<SessionId, Session> sessions = new LinkedHashMap<>();
        Map<UUID, MediaDeletion> deletions = new LinkedHashMap<>();
        Map<UUID, Instant> deletionsDue = new HashMap<>();
        Map<String, Map.Entry<String, Instant>> logins = new HashMap<>();
        Map<JobId, Job> queue = new LinkedHashMap<>();
        Map<JobId, String> secrets = new HashMap<>();
        Map<LabelId, Label> labels = new LinkedHashMap<>();
        Map<ClipId, Clip> clips = new LinkedHashMap<>();
        Map<List<Object>, String> configs = new LinkedHashMap<>();
        Map<MixId, Mix> mixes = new LinkedHashMap<>();

        State copy() {
            State c = new State();
            c.users = new LinkedHashMap<>(users);
            c.profiles = new LinkedHashMap<>(profiles);
            c.memberships = new ArrayList<>(memberships);
            c.audioFiles = new LinkedHashMap<>(audioFiles);
            c.recordings = new LinkedHashMap<>(recordings);
            c.embeddings = new LinkedHashMap<>(embeddings);
            c.jobs = new LinkedHashMap<>();
            jobs.forEach((k, v) -> c.jobs.put(k, v.clone()));
            c.jobsDue = new LinkedHashMap<>(jobsDue);
            c.audit = new ArrayList<>(audit);
            c.tokens = new LinkedHashMap<>(tokens);
            c.sessions = new LinkedHashMap<>(sessions);
            c.deletions = new LinkedHashMap<>(deletions);
            c.deletionsDue = new HashMap<>(deletionsDue);
            c.logins = new HashMap<>(logins);
            c.queue = new LinkedHashMap<>(queue);
            c.secrets = new HashMap<>(secrets);
            c.labels = new LinkedHashMap<>(labels);
            c.clips = new LinkedHashMap<>(clips);
            c.configs = new LinkedHashMap<>(configs);
            c.mixes = new LinkedHashMap<>(mixes);
            return c;
        }
    }

    @Override
    public synchronized void reset() {
        state = new State();
    }

    @Override
    public synchronized void deleteUser(UserId id) {
        state.users.remove(id);
        state.memberships.removeIf(m -> m.user().equals(id));
        state.sessions.values().removeIf(s -> s.user().equals(id));
    }

    // ---------------------------------------------------------------- transactions

    private final Transactions transactions =
            new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    synchronized (InMemoryWorld.this) {
                        if (inTransaction) {
                            return work.get();
                        }
                        State before = state.copy();
                        inTransaction = true;
                        try {
                            return work.get();
                        } catch (RuntimeException | Error e) {
                            state = before;
                            throw e;
                        } finally {
                            inTransaction = false;
                        }
                    }
                }
            };

    @Override
    public Transactions transactions() {
        return transactions;
    }

    // ---------------------------------------------------------------- users

    private final Users users =
            new Users() {
                @Override
                public Optional<User> byId(UserId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.users.get(id));
                    }
                }

                @Override
                public Optional<User> byEmail(Email email) {
                    synchronized (InMemoryWorld.this) {
                        return state.users.values().stream()
                                .filter(u -> u.email().equals(email))
                                .findFirst();
                    }
                }

                @Override
                public List<User> all() {
                    synchronized (InMemoryWorld.this) {
                        return state.users.values().stream()
                                .sorted(Comparator.comparing(u -> u.email().value()))
                                .toList();
                    }
                }

                @Override
                public User signedIn(Email email, String name, String pictureUrl, Instant at) {
                    synchronized (InMemoryWorld.this) {
                        User user =
                                byEmail(email)
                                        .map(
                                                u ->
                                                        new User(
                                                                u.id(),
                                                                u.email(),
                                                                name,
                                                                pictureUrl,
                                                                u.role(),
                                                                u.createdAt(),
                                                                at))
                                        .orElseGet(
                                                () ->
                                                        new User(
                                                                UserId.random(),
                                                                email,
                                                                name,
                                                                pictureUrl,
                                                                Role.MEMBER,
                                                                at,
                                                                at));
                        state.users.put(user.id(), user);
                        return user;
                    }
                }

                @Override
                public User provision(Email email, Instant at) {
                    synchronized (InMemoryWorld.this) {
                        return byEmail(email)
                                .orElseGet(
                                        () -> {
                                            User user = User.provisioned(email, at);
                                            state.users.put(user.id(), user);
                                            return user;
                                        });
                    }
                }

                @Override
                public boolean changeRole(UserId id, Role role) {
                    synchronized (InMemoryWorld.this) {
                        User u = state.users.get(id);
                        if (u == null) {
                            return false;
                        }
                        state.users.put(
                                id,
                                new User(
                                        u.id(),
                                        u.email(),
                                        u.name(),
                                        u.pictureUrl(),
                                        role,
                                        u.createdAt(),
                                        u.lastLoginAt()));
                        return true;
                    }
                }

                @Override
                public Demotion demoteUnlessLastAdmin(UserId id) {
                    synchronized (InMemoryWorld.this) {
                        User u = state.users.get(id);
                        if (u == null || !u.isAdmin()) {
                            return Demotion.NOT_AN_ADMIN;
                        }
                        if (state.users.values().stream()
                                .noneMatch(o -> o.isAdmin() && !o.id().equals(id))) {
                            return Demotion.LAST_ADMIN;
                        }
                        changeRole(id, Role.MEMBER);
                        return Demotion.DEMOTED;
                    }
                }
            };

    @Override
    public Users users() {
        return users;
    }

    // ---------------------------------------------------------------- media deletions

    private final MediaDeletions mediaDeletions =
            new MediaDeletions() {
                @Override
                public void request(MediaDeletion deletion) {
                    synchronized (InMemoryWorld.this) {
                        state.deletions.put(deletion.id(), deletion);
                        state.deletionsDue.put(deletion.id(), deletion.requestedAt());
                    }
                }

                @Override
                public void withdraw(String folder) {
                    synchronized (InMemoryWorld.this) {
                        state.deletions.values().removeIf(d -> d.folder().equals(folder));
                        state.deletionsDue.keySet().retainAll(state.deletions.keySet());
                    }
                }

                @Override
                public List<MediaDeletion> claim(Instant now, Instant leaseUntil, int limit) {
                    synchronized (InMemoryWorld.this) {
                        List<MediaDeletion> due =
                                state.deletions.values().stream()
                                        .filter(d -> !state.deletionsDue.get(d.id()).isAfter(now))
                                        .sorted(
                                                Comparator.comparing(MediaDeletion::requestedAt)
                                                        .thenComparing(MediaDeletion::id, UUIDS))
                                        .limit(limit)
                                        .toList();
                        due.forEach(d -> state.deletionsDue.put(d.id(), leaseUntil));
                        return due;
                    }
                }

                @Override
                public void done(UUID id) {
                    synchronized (InMemoryWorld.this) {
                        state.deletions.remove(id);
                        state.deletionsDue.remove(id);
                    }
                }

                @Override
                public void failed(UUID id, String error, Instant retryAt) {
                    synchronized (InMemoryWorld.this) {
                        MediaDeletion d = state.deletions.get(id);
                        if (d != null) {
                            state.deletions.put(
                                    id,
                                    new MediaDeletion(
                                            id, d.folder(), d.requestedAt(), d.attempts() + 1));
                            state.deletionsDue.put(id, retryAt);
                        }
                    }
                }

                @Override
                public List<MediaDeletion> pending() {
                    synchronized (InMemoryWorld.this) {
                        return state.deletions.values().stream()
                                .sorted(
                                        Comparator.comparing(MediaDeletion::requestedAt)
                                                .thenComparing(MediaDeletion::id, UUIDS))
                                .toList();
                    }
                }
            };

    @Override
    public MediaDeletions mediaDeletions() {
        return mediaDeletions;
    }

    // ---------------------------------------------------------------- media references

    private final MediaReferences mediaReferences =
            () -> {
                synchronized (InMemoryWorld.this) {
                    Set<MediaKey> keys = new java.util.HashSet<>();
                    for (Recording r : state.recordings.values()) {
                        Profile p = state.profiles.get(r.profile());
                        for (Stem stem : r.stems()) {
                            keys.add(MediaKey.output(p.name(), r.outputName(), stem.audio()));
                            keys.add(MediaKey.output(p.name(), r.outputName(), stem.waveform()));
                        }
                    }
                    state.queue.values().forEach(j -> keys.add(new MediaKey(j.inputKey())));
                    for (AudioFile a : state.audioFiles.values()) {
                        if (a.storageUrl() != null && a.storageUrl().startsWith("inputs/")) {
                            keys.add(new MediaKey(a.storageUrl()));
                        }
                    }
                    return keys;
                }
            };

    @Override
    public MediaReferences mediaReferences() {
        return mediaReferences;
    }

    // ---------------------------------------------------------------- sessions

    private final Sessions sessions =
            new Sessions() {
                @Override
                public void open(Session session) {
                    synchronized (InMemoryWorld.this) {
                        state.sessions
                                .values()
                                .removeIf(
                                        s ->
                                                s.user().equals(session.user())
                                                        && !s.expiresAt()
                                                                .isAfter(session.openedAt()));
                        state.sessions.put(session.id(), session);
                    }
                }

                @Override
                public Optional<User> user(SessionId session, UserId user) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.sessions.get(session))
                                .filter(s -> s.user().equals(user))
                                .map(s -> state.users.get(user));
                    }
                }

                @Override
                public boolean end(SessionId session, UserId user) {
                    synchronized (InMemoryWorld.this) {
                        Session s = state.sessions.get(session);
                        return s != null
                                && s.user().equals(user)
                                && state.sessions.remove(session) != null;
                    }
                }

                @Override
                public int endAll(UserId user) {
                    synchronized (InMemoryWorld.this) {
                        int before = state.sessions.size();
                        state.sessions.values().removeIf(s -> s.user().equals(user));
                        return before - state.sessions.size();
                    }
                }
            };

    @Override
    public Sessions sessions() {
        return sessions;
    }

    // ---------------------------------------------------------------- profiles and memberships

    private final Profiles profiles =
            new Profiles() {
                @Override
                public Profile create(Profile profile) {
                    synchronized (InMemoryWorld.this) {
                        if (byName(profile.name()).isPresent()) {
                            throw new Conflict(
                                    "a profile named '" + profile.name() + "' exists already");
                        }
                        state.profiles.put(profile.id(), profile);
                        return profile;
                    }
                }

                @Override
                public Optional<Profile> byId(ProfileId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.profiles.get(id));
                    }
                }

                @Override
                public Optional<Profile> byName(ProfileName name) {
                    synchronized (InMemoryWorld.this) {
                        return state.profiles.values().stream()
                                .filter(p -> p.name().equals(name))
                                .findFirst();
                    }
                }

                @Override
                public List<Profile> all() {
                    synchronized (InMemoryWorld.this) {
                        return sortedByName(state.profiles.values().stream());
                    }
                }

                @Override
                public boolean update(Profile profile) {
                    synchronized (InMemoryWorld.this) {
                        if (!state.profiles.containsKey(profile.id())) {
                            return false;
                        }
                        if (byName(profile.name())
                                .filter(p -> !p.id().equals(profile.id()))
                                .isPresent()) {
                            throw new Conflict(
                                    "a profile named '" + profile.name() + "' exists already");
                        }
                        state.profiles.put(profile.id(), profile);
                        return true;
                    }
                }

                @Override
                public boolean delete(ProfileId id) {
                    synchronized (InMemoryWorld.this) {
                        state.memberships.removeIf(m -> m.profile().equals(id));
                        return state.profiles.remove(id) != null;
                    }
                }
            };

    @Override
    public Profiles profiles() {
        return profiles;
    }

    private static List<Profile> sortedByName(Stream<Profile> profiles) {
        return profiles.sorted(Comparator.comparing(p -> p.name().value())).toList();
    }

    private final Memberships memberships =
            new Memberships() {
                @Override
                public boolean grant(Membership membership) {
                    synchronized (InMemoryWorld.this) {
                        if (state.memberships.stream()
                                .anyMatch(
                                        m ->
                                                m.user().equals(membership.user())
                                                        && m.profile()
                                                                .equals(membership.profile()))) {
                            return false;
                        }
                        return state.memberships.add(membership);
                    }
                }

                @Override
                public boolean revoke(UserId user, ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        return state.memberships.removeIf(
                                m -> m.user().equals(user) && m.profile().equals(profile));
                    }
                }

                @Override
                public List<Membership> ofUser(UserId user) {
                    synchronized (InMemoryWorld.this) {
                        return state.memberships.stream()
                                .filter(m -> m.user().equals(user))
                                .sorted(
                                        Comparator.comparing(Membership::grantedAt)
                                                .thenComparing(m -> m.profile().value(), UUIDS))
                                .toList();
                    }
                }

                @Override
                public List<Membership> ofProfile(ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        return state.memberships.stream()
                                .filter(m -> m.profile().equals(profile))
                                .sorted(
                                        Comparator.comparing(Membership::grantedAt)
                                                .thenComparing(m -> m.user().value(), UUIDS))
                                .toList();
                    }
                }

                @Override
                public List<Membership> all() {
                    synchronized (InMemoryWorld.this) {
                        return state.memberships.stream()
                                .sorted(
                                        Comparator.comparing(Membership::grantedAt)
                                                .thenComparing(m -> m.user().value(), UUIDS)
                                                .thenComparing(m -> m.profile().value(), UUIDS))
                                .toList();
                    }
                }
            };

    @Override
    public Memberships memberships() {
        return memberships;
    }

    // ---------------------------------------------------------------- audio files and recordings

    private final AudioFiles audioFiles =
            new AudioFiles() {
                @Override
                public Optional<AudioFile> bySha256(Sha256 sha256) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.audioFiles.get(sha256));
                    }
                }

                @Override
                public Optional<AudioFile> byId(AudioFileId id) {
                    synchronized (InMemoryWorld.this) {
                        return state.audioFiles.values().stream()
                                .filter(a -> a.id().equals(id))
                                .findFirst();
                    }
                }

                @Override
                public AudioFile registerIfAbsent(AudioFile candidate) {
                    synchronized (InMemoryWorld.this) {
                        return state.audioFiles.computeIfAbsent(candidate.sha256(), k -> candidate);
                    }
                }

                @Override
                public int deleteAllOf(ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        int before = state.audioFiles.size();
                        state.audioFiles.values().removeIf(a -> a.profile().equals(profile));
                        return before - state.audioFiles.size();
                    }
                }

                @Override
                public boolean delete(AudioFileId id) {
                    synchronized (InMemoryWorld.this) {
                        if (state.recordings.values().stream()
                                .anyMatch(r -> id.equals(r.audioFile()))) {
                            throw new IllegalStateException("a recording refers to the source");
                        }
                        // its job goes with it, as ON DELETE CASCADE does
                        state.queue.values().removeIf(j -> id.equals(j.audioFile()));
                        state.secrets.keySet().retainAll(state.queue.keySet());
                        return state.audioFiles.values().removeIf(a -> a.id().equals(id));
                    }
                }
            };

    @Override
    public AudioFiles audioFiles() {
        return audioFiles;
    }

    private static final Comparator<Recording> NEWEST_FIRST =
            Comparator.comparing(Recording::createdAt)
                    .thenComparing(r -> r.id().value(), UUIDS)
                    .reversed();

    private final Recordings recordings =
            new Recordings() {
                @Override
                public boolean setDetails(
                        RecordingId id, LabelId location, LocalDate dateRecorded, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Recording r = state.recordings.get(id);
                        if (r == null) {
                            return false;
                        }
                        Label place = location == null ? null : state.labels.get(location);
                        if (location != null
                                && (place == null
                                        || place.kind() != LabelKind.LOCATION
                                        || !place.profile().equals(r.profile()))) {
                            throw new IllegalStateException(
                                    "a recording's location must be one of its profile's");
                        }
                        Recording updated =
                                new Recording(
                                        r.id(),
                                        r.profile(),
                                        r.outputName(),
                                        r.displayName(),
                                        r.description(),
                                        r.audioFile(),
                                        r.createdAt(),
                                        now,
                                        r.stems(),
                                        new RecordingDetails(
                                                place == null
                                                        ? null
                                                        : new RecordingDetails.Place(
                                                                place.id(), place.name()),
                                                dateRecorded,
                                                r.details().status()));
                        state.recordings.put(id, updated);
                        return true;
                    }
                }

                @Override
                public boolean setStatus(RecordingId id, RecordingStatus status) {
                    synchronized (InMemoryWorld.this) {
                        Recording r = state.recordings.get(id);
                        if (r == null) {
                            return false;
                        }
                        // as the database derives it: the reason is its job's error (or status)
                        String reason =
                                state.queue.values().stream()
                                        .filter(j -> Objects.equals(j.audioFile(), r.audioFile()))
                                        .findFirst()
                                        .map(j -> j.error() != null ? j.error() : j.status().code())
                                        .orElse(null);
                        state.recordings.put(
                                id,
                                r.withDetails(
                                        status == RecordingStatus.ERROR
                                                ? r.details().failed(reason)
                                                : r.details().withStatus(status)));
                        return true;
                    }
                }

                @Override
                public Recording save(Recording recording) {
                    synchronized (InMemoryWorld.this) {
                        Optional<Recording> existing =
                                byOutputName(recording.profile(), recording.outputName());
                        Recording saved =
                                existing.map(
                                                e -> {
                                                    boolean changed =
                                                            !Objects.equals(
                                                                            e.audioFile(),
                                                                            recording.audioFile())
                                                                    || !e.displayName()
                                                                            .equals(
                                                                                    recording
                                                                                            .displayName())
                                                                    || !e.description()
                                                                            .equals(
                                                                                    recording
                                                                                            .description());
                                                    return new Recording(
                                                            e.id(),
                                                            e.profile(),
                                                            e.outputName(),
                                                            recording.displayName(),
                                                            recording.description(),
                                                            recording.audioFile(),
                                                            e.createdAt(),
                                                            changed
                                                                    ? recording.updatedAt()
                                                                    : e.updatedAt(),
                                                            recording.stems(),
                                                            e.details());
                                                })
                                        .orElse(recording.withDetails(RecordingDetails.NONE));
                        existing.ifPresent(
                                e -> {
                                    Set<StemType> kept =
                                            recording.stems().stream()
                                                    .map(Stem::type)
                                                    .collect(Collectors.toSet());
                                    state.embeddings
                                            .values()
                                            .removeIf(
                                                    x ->
                                                            x.recording().equals(e.id())
                                                                    && x.stem() != null
                                                                    && !kept.contains(x.stem()));
                                });
                        state.recordings.put(saved.id(), saved);
                        return saved;
                    }
                }

                @Override
                public Optional<Recording> byOutputName(ProfileId profile, OutputName outputName) {
                    synchronized (InMemoryWorld.this) {
                        return state.recordings.values().stream()
                                .filter(
                                        r ->
                                                r.profile().equals(profile)
                                                        && r.outputName().equals(outputName))
                                .findFirst();
                    }
                }

                @Override
                public Optional<Recording> byId(RecordingId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.recordings.get(id));
                    }
                }

                @Override
                public List<Recording> allOf(ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        return state.recordings.values().stream()
                                .filter(r -> r.profile().equals(profile))
                                .sorted(NEWEST_FIRST)
                                .toList();
                    }
                }

                @Override
                public List<RecordingId> ids() {
                    synchronized (InMemoryWorld.this) {
                        return state.recordings.values().stream()
                                .sorted(NEWEST_FIRST.reversed())
                                .map(Recording::id)
                                .toList();
                    }
                }

                @Override
                public boolean delete(ProfileId profile, OutputName outputName) {
                    synchronized (InMemoryWorld.this) {
                        return byOutputName(profile, outputName)
                                .map(r -> removeRecording(r.id()))
                                .orElse(false);
                    }
                }

                @Override
                public int countOf(ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        return (int)
                                state.recordings.values().stream()
                                        .filter(r -> r.profile().equals(profile))
                                        .count();
                    }
                }

                @Override
                public int deleteAllOf(ProfileId profile) {
                    synchronized (InMemoryWorld.this) {
                        List<RecordingId> ids =
                                state.recordings.values().stream()
                                        .filter(r -> r.profile().equals(profile))
                                        .map(Recording::id)
                                        .toList();
                        ids.forEach(InMemoryWorld.this::removeRecording);
                        return ids.size();
                    }
                }
            };

    private boolean removeRecording(RecordingId id) {
        state.embeddings.values().removeIf(e -> e.recording().equals(id));
        state.jobs.keySet().removeIf(k -> k.get(0).equals(id));
        state.jobsDue.keySet().removeIf(k -> k.get(0).equals(id));
        state.clips.values().removeIf(c -> c.recording().equals(id));
        state.configs.keySet().removeIf(k -> k.get(1).equals(id));
        // its mixes and their render jobs go with it, as ON DELETE CASCADE does
        List<MixId> mixes =
                state.mixes.values().stream()
                        .filter(m -> m.recording().equals(id))
                        .map(Mix::id)
                        .toList();
        state.mixes.keySet().removeAll(mixes);
        state.queue.values().removeIf(j -> j.mix() != null && mixes.contains(j.mix()));
        return state.recordings.remove(id) != null;
    }

    @Override
    public Recordings recordings() {
        return recordings;
    }

    // ---------------------------------------------------------------- what a viewer sees

    /**
     * The viewer's user, if it exists and the viewer's session is open, with whether it is an admin
     * by role or by configuration.
     */
    private Optional<Boolean> admin(Viewer viewer) {
        Session session = state.sessions.get(viewer.session());
        User user =
                session != null && session.user().equals(viewer.user())
                        ? state.users.get(viewer.user())
                        : null;
        return user == null
                ? Optional.empty()
                : Optional.of(user.isAdmin() || configuredAdmins.contains(user.email()));
    }

    private boolean sees(Viewer viewer, ProfileId profile) {
        return admin(viewer)
                .map(
                        admin ->
                                admin
                                        || state.memberships.stream()
                                                .anyMatch(
                                                        m ->
                                                                m.user().equals(viewer.user())
                                                                        && m.profile()
                                                                                .equals(profile)))
                .orElse(false);
    }

    private Optional<Profile> visible(Viewer viewer, ProfileName name) {
        return profiles.byName(name).filter(p -> sees(viewer, p.id()));
    }

    private final Catalogue catalogue =
            new Catalogue() {
                @Override
                public List<Profile> profiles(Viewer viewer) {
                    synchronized (InMemoryWorld.this) {
                        return sortedByName(
                                state.profiles.values().stream().filter(p -> sees(viewer, p.id())));
                    }
                }

                @Override
                public Optional<Profile> profile(Viewer viewer, ProfileName name) {
                    synchronized (InMemoryWorld.this) {
                        return visible(viewer, name);
                    }
                }

                @Override
                public Listing files(
                        Viewer viewer,
                        ProfileName name,
                        Position after,
                        Integer limit,
                        Known known,
                        Feel feel) {
                    synchronized (InMemoryWorld.this) {
                        if (admin(viewer).isEmpty()) {
                            return new Listing.UnknownViewer();
                        }
                        Optional<Profile> profile = visible(viewer, name);
                        if (profile.isEmpty()) {
                            return new Listing.NotVisible();
                        }
                        long version = version(profile.get());
                        if (known.includes(version)) {
                            return new Listing.Unchanged(version);
                        }
                        List<Recording> all =
                                recordingsOf(profile.get()).stream()
                                        .filter(r -> after == null || before(r, after))
                                        .filter(r -> feel.admits(r.measures()))
                                        .toList();
                        if (limit == null || all.size() <= limit) {
                            return new Listing.Page(all, null, version);
                        }
                        List<Recording> page = all.subList(0, limit);
                        Recording last = page.get(limit - 1);
                        return new Listing.Page(
                                page, new Position(last.createdAt(), last.id().value()), version);
                    }
                }

                @Override
                public Optional<Current<Recording>> file(
                        Viewer viewer, ProfileName name, OutputName outputName, Known known) {
                    synchronized (InMemoryWorld.this) {
                        return visible(viewer, name)
                                .flatMap(
                                        p -> {
                                            long version = version(p);
                                            return recordings
                                                    .byOutputName(p.id(), outputName)
                                                    .map(
                                                            r ->
                                                                    known.includes(version)
                                                                            ? new Current
                                                                                    .Unchanged<>(
                                                                                    version)
                                                                            : new Current.Read<>(
                                                                                    r, version));
                                        });
                    }
                }

                @Override
                public Optional<Recording> recording(
                        Viewer viewer, ProfileName name, OutputName outputName) {
                    synchronized (InMemoryWorld.this) {
                        return visible(viewer, name)
                                .flatMap(p -> recordings.byOutputName(p.id(), outputName));
                    }
                }

                @Override
                public boolean known(Viewer viewer) {
                    synchronized (InMemoryWorld.this) {
                        return admin(viewer).isPresent();
                    }
                }

                @Override
                public Access mediaAccess(Viewer viewer, ProfileName name, OutputName outputName) {
                    synchronized (InMemoryWorld.this) {
                        if (admin(viewer).isEmpty()) {
                            return Access.UNKNOWN_VIEWER;
                        }
                        return visible(viewer, name)
                                        .flatMap(p -> recordings.byOutputName(p.id(), outputName))
                                        .isPresent()
                                ? Access.GRANTED
                                : Access.NOT_FOUND;
                    }
                }

                @Override
                public Optional<Located> recording(Viewer viewer, RecordingId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.recordings.get(id))
                                .filter(r -> sees(viewer, r.profile()))
                                .map(r -> new Located(state.profiles.get(r.profile()).name(), r));
                    }
                }
            };

    private List<Recording> recordingsOf(Profile profile) {
        return state.recordings.values().stream()
                .filter(r -> r.profile().equals(profile.id()))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /**
     * The fake's change version: drawn from what the answers show, so that any change to it is a
     * new version (the database keeps a counter instead).
     */
    private long version(Profile profile) {
        return Objects.hash(profile.id(), profile.name(), recordingsOf(profile));
    }

    private static boolean before(Recording r, Position after) {
        int byTime = r.createdAt().compareTo(after.at());
        return byTime < 0 || (byTime == 0 && UUIDS.compare(r.id().value(), after.id()) < 0);
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    // ---------------------------------------------------------------- embeddings and search

    private final Embeddings embeddings =
            new Embeddings() {
                @Override
                public void put(Embedding embedding) {
                    synchronized (InMemoryWorld.this) {
                        state.embeddings.put(
                                Stream.of(
                                                embedding.recording(),
                                                String.valueOf(embedding.stem()),
                                                embedding.space().name())
                                        .map(o -> (Object) o)
                                        .toList(),
                                embedding);
                    }
                }

                @Override
                public Optional<Embedding> find(
                        RecordingId recording, StemType stem, EmbeddingSpace space) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(
                                state.embeddings.get(
                                        Stream.of(recording, String.valueOf(stem), space.name())
                                                .map(o -> (Object) o)
                                                .toList()));
                    }
                }
            };

    @Override
    public Embeddings embeddings() {
        return embeddings;
    }

    static double cosine(Vector a, Vector b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            nx += (double) x[i] * x[i];
            ny += (double) y[i] * y[i];
        }
        return dot / Math.sqrt(nx * ny);
    }

    /**
     * The recordings of a space's vectors the viewer may see, nearest first (exact, where
     * PostgreSQL is approximate).
     */
    private List<Map.Entry<Recording, Double>> ranked(
            Viewer viewer,
            EmbeddingSpace space,
            Vector query,
            java.util.function.Predicate<Recording> also) {
        return state.embeddings.values().stream()
                .filter(e -> e.space().name().equals(space.name()) && e.stem() == null)
                .map(e -> Map.entry(state.recordings.get(e.recording()), cosine(e.vector(), query)))
                .filter(e -> sees(viewer, e.getKey().profile()) && also.test(e.getKey()))
                .sorted(
                        Comparator.comparing((Map.Entry<Recording, Double> e) -> -e.getValue())
                                .thenComparing(e -> e.getKey().id().value(), UUIDS))
                .toList();
    }

    private ProfileName profileOf(Recording r) {
        return state.profiles.get(r.profile()).name();
    }

    private final VectorSearch vectorSearch =
            new VectorSearch() {
                @Override
                public void ensureIndex(EmbeddingSpace space, int m, int efConstruction) {}

                @Override
                public boolean convert(
                        EmbeddingSpace space, int m, int efConstruction, java.time.Duration grace) {
                    return false; // kept as given: this world has one storage
                }

                @Override
                public Optional<List<Match>> nearest(
                        Viewer viewer,
                        EmbeddingSpace space,
                        Vector query,
                        RecordingId exclude,
                        int limit,
                        double minSimilarity,
                        Tracking tracking) {
                    synchronized (InMemoryWorld.this) {
                        if (admin(viewer).isEmpty()) {
                            return Optional.empty();
                        }
                        return Optional.of(
                                ranked(viewer, space, query, r -> !r.id().equals(exclude)).stream()
                                        .limit(limit)
                                        .filter(e -> e.getValue() >= minSimilarity)
                                        .map(
                                                e ->
                                                        new Match(
                                                                e.getKey(),
                                                                profileOf(e.getKey()),
                                                                e.getValue()))
                                        .toList());
                    }
                }

                @Override
                public Optional<List<Hit>> search(
                        Viewer viewer,
                        SearchQuery q,
                        EmbeddingSpace space,
                        Vector vector,
                        int rrfK,
                        Tracking tracking) {
                    // no search log and no feedback here: a tracked search ranks its pool as any
                    int lim = tracking == null ? q.limit() : Math.max(q.limit(), tracking.pool());
                    synchronized (InMemoryWorld.this) {
                        if (admin(viewer).isEmpty()) {
                            return Optional.empty();
                        }
                        java.util.function.Predicate<Recording> scope =
                                r ->
                                        (q.profiles() == null
                                                        || q.profiles().contains(profileOf(r)))
                                                && matches(r, q.filters());
                        int depth =
                                q.mode() == SearchQuery.Mode.HYBRID
                                        ? Math.max(q.limit() * 4, 40)
                                        : lim;
                        Map<RecordingId, Double> similarity = new HashMap<>();
                        Map<RecordingId, Integer> semanticRank = new HashMap<>();
                        if (q.mode().semantic()) {
                            List<Map.Entry<Recording, Double>> near =
                                    ranked(viewer, space, vector, scope).stream()
                                            .limit(depth)
                                            .filter(e -> e.getValue() >= q.minSimilarity())
                                            .toList();
                            for (int i = 0; i < near.size(); i++) {
                                similarity.put(near.get(i).getKey().id(), near.get(i).getValue());
                                semanticRank.put(near.get(i).getKey().id(), i + 1);
                            }
                        }
                        Map<RecordingId, Integer> textRank = new HashMap<>();
                        if (q.mode().fulltext()) {
                            Set<String> words = words(q.text());
                            List<Recording> found =
                                    state.recordings.values().stream()
                                            .filter(r -> sees(viewer, r.profile()) && scope.test(r))
                                            .filter(r -> words(searchable(r)).containsAll(words))
                                            .sorted(
                                                    Comparator.comparing(
                                                            r -> r.id().value(), UUIDS))
                                            .limit(depth)
                                            .toList();
                            for (int i = 0; i < found.size(); i++) {
                                textRank.put(found.get(i).id(), i + 1);
                            }
                        }
                        Set<RecordingId> all = new java.util.HashSet<>(semanticRank.keySet());
                        all.addAll(textRank.keySet());
                        List<Hit> pool =
                                all.stream()
                                        .map(
                                                id -> {
                                                    Recording r = state.recordings.get(id);
                                                    Integer s = semanticRank.get(id);
                                                    Integer f = textRank.get(id);
                                                    double score =
                                                            switch (q.mode()) {
                                                                case SEMANTIC -> similarity.get(id);
                                                                case FULLTEXT -> 1.0 / f;
                                                                case HYBRID ->
                                                                        (s == null
                                                                                        ? 0
                                                                                        : 1.0
                                                                                                / (rrfK
                                                                                                        + s))
                                                                                + (f == null
                                                                                        ? 0
                                                                                        : 1.0
                                                                                                / (rrfK
                                                                                                        + f));
                                                            };
                                                    return new Hit(
                                                            r,
                                                            profileOf(r),
                                                            score,
                                                            similarity.get(id),
                                                            s,
                                                            f);
                                                })
                                        .sorted(
                                                Comparator.comparing((Hit h) -> -h.score())
                                                        .thenComparing(
                                                                h -> h.recording().id().value(),
                                                                UUIDS))
                                        .limit(lim)
                                        .toList();
                        // no feedback here: every signal is none, so the learned order is today's
                        return Optional.of(
                                tracking == null || tracking.learned() == null
                                        ? pool
                                        : Ranker.rank(
                                                pool,
                                                tracking.shown(),
                                                tracking.learned().model(),
                                                tracking.learned().minEvents()));
                    }
                }
            };

    private static Set<String> words(String text) {
        return Stream.of(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toSet());
    }

    /** A recording's text for full-text search: its own, its location's and its songs' names. */
    private String searchable(Recording r) {
        StringBuilder text = new StringBuilder(r.displayName()).append(' ').append(r.description());
        if (r.details().location() != null) {
            text.append(' ').append(r.details().location().name());
        }
        for (Clip c : state.clips.values()) {
            if (c.recording().equals(r.id()) && c.song() != null) {
                text.append(' ').append(state.labels.get(c.song()).name());
            }
        }
        return text.toString();
    }

    private boolean matches(Recording r, SearchQuery.Filters f) {
        LocalDate day = r.details().dateRecorded();
        if ((f.song() != null
                        && state.clips.values().stream()
                                .noneMatch(
                                        c ->
                                                c.recording().equals(r.id())
                                                        && f.song().equals(c.song())))
                || (f.location() != null
                        && (r.details().location() == null
                                || !r.details().location().id().equals(f.location())))
                || (f.recordedFrom() != null && (day == null || day.isBefore(f.recordedFrom())))
                || (f.recordedTo() != null && (day == null || day.isAfter(f.recordedTo())))) {
            return false;
        }
        if (f.stemType() != null
                && r.stems().stream().noneMatch(s -> s.type().equals(f.stemType()))) {
            return false;
        }
        if (f.durationMin() != null || f.durationMax() != null) {
            OptionalDoubleBox longest =
                    new OptionalDoubleBox(
                            r.stems().stream().mapToDouble(Stem::durationSeconds).max());
            if (longest.empty()
                    || (f.durationMin() != null && longest.value() < f.durationMin())
                    || (f.durationMax() != null && longest.value() > f.durationMax())) {
                return false;
            }
        }
        if ((f.lufsMin() != null || f.lufsMax() != null)
                && r.stems().stream()
                        .noneMatch(
                                s ->
                                        (f.stemType() == null || s.type().equals(f.stemType()))
                                                && s.measuredLufs() != null
                                                && (f.lufsMin() == null
                                                        || s.measuredLufs() >= f.lufsMin())
                                                && (f.lufsMax() == null
                                                        || s.measuredLufs() <= f.lufsMax()))) {
            return false;
        }
        return (f.createdAfter() == null || r.createdAt().isAfter(f.createdAfter()))
                && (f.createdBefore() == null || r.createdAt().isBefore(f.createdBefore()));
    }

    private record OptionalDoubleBox(java.util.OptionalDouble box) {
        boolean empty() {
            return box.isEmpty();
        }

        double value() {
            return box.getAsDouble();
        }
    }

    @Override
    public VectorSearch vectorSearch() {
        return vectorSearch;
    }

    // ---------------------------------------------------------------- queues, audit, tokens,
    // logins

    private final EmbeddingJobs embeddingJobs =
            new EmbeddingJobs() {
                @Override
                public void enqueue(RecordingId recording, String space, Instant at) {
                    synchronized (InMemoryWorld.this) {
                        List<Object> key = List.of(recording, space);
                        long[] job = state.jobs.get(key);
                        state.jobs.put(
                                key, job == null ? new long[] {1, 0} : new long[] {job[0] + 1, 0});
                        state.jobsDue.put(key, at);
                    }
                }

                @Override
                public List<Job> claim(int max, Instant now, Instant leaseUntil) {
                    synchronized (InMemoryWorld.this) {
                        List<Job> claimed = new ArrayList<>();
                        state.jobsDue.entrySet().stream()
                                .filter(e -> !e.getValue().isAfter(now))
                                .sorted(Map.Entry.comparingByValue())
                                .limit(max)
                                .map(Map.Entry::getKey)
                                .toList()
                                .forEach(
                                        key -> {
                                            long[] job = state.jobs.get(key);
                                            job[1]++;
                                            state.jobsDue.put(key, leaseUntil);
                                            claimed.add(
                                                    new Job(
                                                            (RecordingId) key.get(0),
                                                            (String) key.get(1),
                                                            job[0],
                                                            (int) job[1]));
                                        });
                        return claimed;
                    }
                }

                @Override
                public void done(Job job) {
                    synchronized (InMemoryWorld.this) {
                        List<Object> key = List.of(job.recording(), job.space());
                        long[] stored = state.jobs.get(key);
                        if (stored != null && stored[0] == job.version()) {
                            state.jobs.remove(key);
                            state.jobsDue.remove(key);
                        }
                    }
                }

                @Override
                public void failed(Job job, String error, Instant retryAt) {
                    synchronized (InMemoryWorld.this) {
                        List<Object> key = List.of(job.recording(), job.space());
                        long[] stored = state.jobs.get(key);
                        if (stored != null && stored[0] == job.version()) {
                            state.jobsDue.put(key, retryAt);
                        }
                    }
                }

                @Override
                public void release(Job job, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        List<Object> key = List.of(job.recording(), job.space());
                        long[] stored = state.jobs.get(key);
                        if (stored != null) {
                            stored[1] = Math.max(0, stored[1] - 1);
                            state.jobsDue.put(key, now);
                        }
                    }
                }

                @Override
                public int pending() {
                    synchronized (InMemoryWorld.this) {
                        return state.jobs.size();
                    }
                }
            };

    @Override
    public EmbeddingJobs embeddingJobs() {
        return embeddingJobs;
    }

    private final AuditLog auditLog =
            new AuditLog() {
                @Override
                public void append(AuditEntry entry) {
                    synchronized (InMemoryWorld.this) {
                        state.audit.add(entry);
                    }
                }

                @Override
                public List<AuditEntry> find(
                        String profile, String user, Instant since, Position after, int limit) {
                    synchronized (InMemoryWorld.this) {
                        return state.audit.stream()
                                .filter(e -> profile == null || profile.equals(e.profile()))
                                .filter(
                                        e ->
                                                user == null
                                                        || user.equals(e.target())
                                                        || user.equals(e.actor()))
                                .filter(e -> since == null || !e.at().isBefore(since))
                                .filter(
                                        e ->
                                                after == null
                                                        || e.at().isBefore(after.at())
                                                        || (e.at().equals(after.at())
                                                                && UUIDS.compare(e.id(), after.id())
                                                                        < 0))
                                .sorted(
                                        Comparator.comparing(AuditEntry::at)
                                                .thenComparing(AuditEntry::id, UUIDS)
                                                .reversed())
                                .limit(limit)
                                .toList();
                    }
                }
            };

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    private final WorkerTokens workerTokens =
            new WorkerTokens() {
                @Override
                public void create(WorkerToken token) {
                    synchronized (InMemoryWorld.this) {
                        state.tokens.put(token.id(), token);
                    }
                }

                @Override
                public Optional<WorkerToken> byId(WorkerTokenId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.tokens.get(id));
                    }
                }

                @Override
                public List<WorkerToken> all() {
                    synchronized (InMemoryWorld.this) {
                        return state.tokens.values().stream()
                                .sorted(
                                        Comparator.comparing(WorkerToken::createdAt)
                                                .reversed()
                                                .thenComparing(t -> t.id().value(), UUIDS))
                                .toList();
                    }
                }

                @Override
                public boolean revoke(WorkerTokenId id, Instant at) {
                    synchronized (InMemoryWorld.this) {
                        WorkerToken t = state.tokens.get(id);
                        if (t == null || t.revokedAt() != null) {
                            return false;
                        }
                        state.tokens.put(
                                id,
                                new WorkerToken(
                                        t.id(), t.name(), t.createdAt(), t.expiresAt(), at));
                        return true;
                    }
                }
            };

    @Override
    public WorkerTokens workerTokens() {
        return workerTokens;
    }

    private final PendingLogins pendingLogins =
            new PendingLogins() {
                @Override
                public void remember(String key, String value, Instant expiresAt) {
                    synchronized (InMemoryWorld.this) {
                        Instant now = Instant.now();
                        state.logins.values().removeIf(v -> v.getValue().isBefore(now));
                        if (state.logins.containsKey(key)) {
                            throw new Conflict("a login with this key is pending already");
                        }
                        state.logins.put(key, Map.entry(value, expiresAt));
                    }
                }

                @Override
                public Optional<String> take(String key, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Map.Entry<String, Instant> entry = state.logins.remove(key);
                        return entry == null || !entry.getValue().isAfter(now)
                                ? Optional.empty()
                                : Optional.of(entry.getKey());
                    }
                }
            };

    @Override
    public PendingLogins pendingLogins() {
        return pendingLogins;
    }

    // ---------------------------------------------------------------- jobs

    private Job named(Job j) {
        return with(
                j,
                j.status(),
                j.attempts(),
                j.notBefore(),
                j.leaseUntil(),
                j.worker(),
                j.stage(),
                j.percent(),
                j.error(),
                j.stems(),
                j.updatedAt());
    }

    /** A copy with the profile's current name and the given state. */
    private Job with(
            Job j,
            JobStatus status,
            int attempts,
            Instant notBefore,
            Instant leaseUntil,
            String worker,
            String stage,
            Integer percent,
            String error,
            List<String> stems,
            Instant updatedAt) {
        return new Job(
                j.id(),
                j.kind(),
                j.profile(),
                state.profiles.get(j.profile()).name(),
                j.audioFile(),
                j.mix(),
                j.outputName(),
                j.filename(),
                j.inputKey(),
                status,
                attempts,
                j.maxAttempts(),
                notBefore,
                new Job.Lease(
                        leaseUntil,
                        status == JobStatus.PROCESSING && j.status() != JobStatus.PROCESSING
                                ? updatedAt
                                : j.claimedAt(),
                        worker),
                new Job.Progress(stage, percent),
                error,
                stems,
                j.createdAt(),
                updatedAt);
    }

    private boolean heldBy(Job j, String worker) {
        return j != null && j.status() == JobStatus.PROCESSING && worker.equals(j.worker());
    }

    private Job released(Job j, JobStatus status, Instant notBefore, String error, Instant now) {
        return with(
                j, status, j.attempts(), notBefore, null, null, null, null, error, j.stems(), now);
    }

    private final Jobs jobs =
            new Jobs() {
                @Override
                public void create(Job job) {
                    synchronized (InMemoryWorld.this) {
                        if (job.audioFile() != null
                                && state.queue.values().stream()
                                        .anyMatch(j -> job.audioFile().equals(j.audioFile()))) {
                            throw new Conflict("this source has a job already");
                        }
                        state.queue.put(job.id(), job);
                    }
                }

                @Override
                public Optional<Job> byId(JobId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.queue.get(id))
                                .map(InMemoryWorld.this::named);
                    }
                }

                @Override
                public Optional<Job> ofAudioFile(AudioFileId audioFile) {
                    synchronized (InMemoryWorld.this) {
                        return state.queue.values().stream()
                                .filter(j -> audioFile.equals(j.audioFile()))
                                .findFirst()
                                .map(InMemoryWorld.this::named);
                    }
                }

                @Override
                public Optional<Job> visible(Viewer viewer, JobId id) {
                    synchronized (InMemoryWorld.this) {
                        return byId(id).filter(j -> sees(viewer, j.profile()));
                    }
                }

                @Override
                public Optional<Job> claim(
                        String worker, Set<JobKind> kinds, Instant now, Instant leaseUntil) {
                    synchronized (InMemoryWorld.this) {
                        Optional<Job> next =
                                state.queue.values().stream()
                                        .filter(
                                                j ->
                                                        j.status() == JobStatus.QUEUED
                                                                && kinds.contains(j.kind())
                                                                && !j.notBefore().isAfter(now))
                                        .min(
                                                Comparator.comparing(Job::createdAt)
                                                        .thenComparing(j -> j.id().value(), UUIDS));
                        return next.map(
                                j -> {
                                    Job claimed =
                                            with(
                                                    j,
                                                    JobStatus.PROCESSING,
                                                    j.attempts() + 1,
                                                    j.notBefore(),
                                                    leaseUntil,
                                                    worker,
                                                    "claimed",
                                                    0,
                                                    j.error(),
                                                    j.stems(),
                                                    now);
                                    state.queue.put(j.id(), claimed);
                                    return claimed;
                                });
                    }
                }

                @Override
                public boolean heartbeat(
                        JobId id,
                        String worker,
                        String stage,
                        Integer percent,
                        Instant now,
                        Instant leaseUntil) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (!heldBy(j, worker)) {
                            return false;
                        }
                        state.queue.put(
                                id,
                                with(
                                        j,
                                        j.status(),
                                        j.attempts(),
                                        j.notBefore(),
                                        leaseUntil,
                                        worker,
                                        stage == null ? j.stage() : stage,
                                        percent == null ? j.percent() : percent,
                                        j.error(),
                                        j.stems(),
                                        now));
                        return true;
                    }
                }

                @Override
                public boolean complete(JobId id, String worker, List<String> stems, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (!heldBy(j, worker)) {
                            return false;
                        }
                        state.queue.put(
                                id,
                                with(
                                        j,
                                        JobStatus.COMPLETE,
                                        j.attempts(),
                                        j.notBefore(),
                                        null,
                                        null,
                                        "complete",
                                        100,
                                        null,
                                        stems,
                                        now));
                        return true;
                    }
                }

                @Override
                public Optional<JobStatus> fail(
                        JobId id, String worker, String error, Instant now, Instant retryAt) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (!heldBy(j, worker)) {
                            return Optional.empty();
                        }
                        JobStatus next =
                                j.attempts() >= j.maxAttempts()
                                        ? JobStatus.ERROR
                                        : JobStatus.QUEUED;
                        state.queue.put(id, released(j, next, retryAt, error, now));
                        return Optional.of(next);
                    }
                }

                @Override
                public boolean release(JobId id, String worker, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (!heldBy(j, worker)) {
                            return false;
                        }
                        state.queue.put(
                                id,
                                with(
                                        j,
                                        JobStatus.QUEUED,
                                        j.attempts() - 1,
                                        now,
                                        null,
                                        null,
                                        null,
                                        null,
                                        j.error(),
                                        j.stems(),
                                        now));
                        return true;
                    }
                }

                @Override
                public boolean arm(JobId id, String worker, String callbackSecretHash) {
                    synchronized (InMemoryWorld.this) {
                        if (!heldBy(state.queue.get(id), worker)) {
                            return false;
                        }
                        state.secrets.put(id, callbackSecretHash);
                        return true;
                    }
                }

                @Override
                public Optional<String> callbackSecretHash(JobId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.secrets.get(id));
                    }
                }

                @Override
                public int expireLeases(Instant now) {
                    synchronized (InMemoryWorld.this) {
                        List<Job> expired =
                                state.queue.values().stream()
                                        .filter(
                                                j ->
                                                        j.status() == JobStatus.PROCESSING
                                                                && j.leaseUntil().isBefore(now))
                                        .toList();
                        expired.forEach(
                                j ->
                                        state.queue.put(
                                                j.id(),
                                                released(
                                                        j,
                                                        j.attempts() >= j.maxAttempts()
                                                                ? JobStatus.ERROR
                                                                : JobStatus.QUEUED,
                                                        now,
                                                        "the worker stopped answering: its lease ran out",
                                                        now)));
                        for (Job j : expired) {
                            if (j.attempts() >= j.maxAttempts() && j.kind() == JobKind.SEPARATE) {
                                recordings
                                        .byOutputName(j.profile(), j.outputName())
                                        .ifPresent(
                                                r ->
                                                        recordings.setStatus(
                                                                r.id(), RecordingStatus.ERROR));
                            }
                        }
                        return expired.size();
                    }
                }

                @Override
                public List<Job> list(
                        JobStatus status, ProfileName profile, Position after, int limit) {
                    synchronized (InMemoryWorld.this) {
                        return state.queue.values().stream()
                                .map(InMemoryWorld.this::named)
                                .filter(j -> status == null || j.status() == status)
                                .filter(j -> profile == null || j.profileName().equals(profile))
                                .filter(
                                        j ->
                                                after == null
                                                        || j.createdAt().isBefore(after.at())
                                                        || (j.createdAt().equals(after.at())
                                                                && UUIDS.compare(
                                                                                j.id().value(),
                                                                                after.id())
                                                                        < 0))
                                .sorted(
                                        Comparator.comparing(Job::createdAt)
                                                .thenComparing(j -> j.id().value(), UUIDS)
                                                .reversed())
                                .limit(limit)
                                .toList();
                    }
                }

                @Override
                public boolean cancel(JobId id, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (j == null || j.status().finished()) {
                            return false;
                        }
                        state.queue.put(
                                id,
                                with(
                                        j,
                                        JobStatus.CANCELLED,
                                        j.attempts(),
                                        j.notBefore(),
                                        null,
                                        null,
                                        j.stage(),
                                        j.percent(),
                                        "cancelled by an admin",
                                        j.stems(),
                                        now));
                        return true;
                    }
                }

                @Override
                public boolean retry(JobId id, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Job j = state.queue.get(id);
                        if (j == null || !j.status().finished()) {
                            return false;
                        }
                        state.queue.put(
                                id,
                                with(
                                        j,
                                        JobStatus.QUEUED,
                                        0,
                                        now,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        now));
                        return true;
                    }
                }
            };

    @Override
    public Jobs jobs() {
        return jobs;
    }

    // ---------------------------------------------------------------- mixes

    /** The mix with its job's status now, as the SQL join reads it; empty without its job. */
    private Optional<Mix> withStatus(Mix m) {
        return state.queue.values().stream()
                .filter(j -> m.id().equals(j.mix()))
                .findFirst()
                .map(
                        j -> {
                            Mix seen = m.withStatus(j.id(), j.status());
                            return m.madeBy() != null && state.users.containsKey(m.madeBy())
                                    ? seen
                                    : seen.withoutMaker();
                        });
    }

    private void deleteMix(MixId id, Instant now) {
        Mix m = state.mixes.remove(id);
        state.queue.values().removeIf(j -> id.equals(j.mix()));
        String key = m.mediaKey().value();
        MediaDeletion d = MediaDeletion.of(key.substring(0, key.lastIndexOf('/')), now);
        state.deletions.put(d.id(), d);
        state.deletionsDue.put(d.id(), now);
    }

    private final Mixes mixes =
            new Mixes() {
                @Override
                public void create(Mix mix) {
                    synchronized (InMemoryWorld.this) {
                        if (state.mixes.values().stream()
                                .anyMatch(m -> m.contentKey().equals(mix.contentKey()))) {
                            throw new Conflict("a mix with this content key exists");
                        }
                        state.mixes.put(mix.id(), mix);
                    }
                }

                @Override
                public Optional<Mix> byId(MixId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.mixes.get(id))
                                .flatMap(InMemoryWorld.this::withStatus);
                    }
                }

                @Override
                public Optional<Mix> byContentKey(String contentKey) {
                    synchronized (InMemoryWorld.this) {
                        return state.mixes.values().stream()
                                .filter(m -> m.contentKey().equals(contentKey))
                                .findFirst()
                                .flatMap(InMemoryWorld.this::withStatus);
                    }
                }

                @Override
                public Optional<Mix> visible(Viewer viewer, MixId id) {
                    synchronized (InMemoryWorld.this) {
                        return byId(id).filter(m -> sees(viewer, m.profile()));
                    }
                }

                @Override
                public boolean rendered(MixId id, Mix.Rendered rendered) {
                    synchronized (InMemoryWorld.this) {
                        Mix m = state.mixes.get(id);
                        if (m == null) {
                            return false;
                        }
                        state.mixes.put(id, m.withRendered(rendered));
                        return true;
                    }
                }

                @Override
                public void fetched(MixId id, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Mix m = state.mixes.get(id);
                        if (m != null && m.fetchedAt().isBefore(now)) {
                            state.mixes.put(id, m.withFetchedAt(now));
                        }
                    }
                }

                @Override
                public boolean delete(MixId id, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        if (!state.mixes.containsKey(id)) {
                            return false;
                        }
                        deleteMix(id, now);
                        return true;
                    }
                }

                @Override
                public int expire(Instant before, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        List<MixId> doomed =
                                state.mixes.values().stream()
                                        .filter(m -> m.fetchedAt().isBefore(before))
                                        .flatMap(m -> withStatus(m).stream())
                                        .filter(m -> m.status() != JobStatus.PROCESSING)
                                        .map(Mix::id)
                                        .toList();
                        doomed.forEach(id -> deleteMix(id, now));
                        return doomed.size();
                    }
                }
            };

    @Override
    public Mixes mixes() {
        return mixes;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public Clips clips() {
        return clips;
    }

    @Override
    public RecordingConfigs recordingConfigs() {
        return recordingConfigs;
    }

    private final RecordingConfigs recordingConfigs =
            new RecordingConfigs() {
                @Override
                public Map<ConfigKey, String> of(UserId user, RecordingId recording) {
                    synchronized (InMemoryWorld.this) {
                        Map<ConfigKey, String> config = new java.util.EnumMap<>(ConfigKey.class);
                        state.configs.forEach(
                                (k, v) -> {
                                    if (k.get(0).equals(user) && k.get(1).equals(recording)) {
                                        config.put((ConfigKey) k.get(2), v);
                                    }
                                });
                        return config;
                    }
                }

                @Override
                public void put(
                        UserId user,
                        RecordingId recording,
                        ConfigKey key,
                        String json,
                        Instant now) {
                    synchronized (InMemoryWorld.this) {
                        if (!state.recordings.containsKey(recording)) {
                            throw new IllegalStateException("no such recording");
                        }
                        state.configs.put(List.of(user, recording, key), json);
                    }
                }
            };

    private static final Comparator<Clip> BY_START =
            Comparator.comparingDouble(Clip::start).thenComparing(c -> c.id().value(), UUIDS);

    private final Clips clips =
            new Clips() {
                @Override
                public Optional<Clip> visible(Viewer viewer, ClipId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.clips.get(id))
                                .filter(c -> sees(viewer, c.profile()));
                    }
                }

                @Override
                public List<Clip> ofRecording(RecordingId recording) {
                    synchronized (InMemoryWorld.this) {
                        return state.clips.values().stream()
                                .filter(c -> c.recording().equals(recording))
                                .sorted(BY_START)
                                .toList();
                    }
                }

                @Override
                public Optional<List<Take>> ofSong(Viewer viewer, LabelId song) {
                    synchronized (InMemoryWorld.this) {
                        Label label = state.labels.get(song);
                        if (label == null
                                || label.kind() != LabelKind.SONG
                                || !sees(viewer, label.profile())) {
                            return Optional.empty();
                        }
                        return Optional.of(
                                takes(
                                        c ->
                                                c.profile().equals(label.profile())
                                                        && song.equals(c.song())));
                    }
                }

                @Override
                public Optional<Take> take(Viewer viewer, ClipId id) {
                    synchronized (InMemoryWorld.this) {
                        return visible(viewer, id)
                                .flatMap(clip -> takes(c -> c.equals(clip)).stream().findFirst());
                    }
                }

                @Override
                public Optional<List<Take>> ofProfile(Viewer viewer, ProfileName profile) {
                    synchronized (InMemoryWorld.this) {
                        return InMemoryWorld.this
                                .visible(viewer, profile)
                                .map(
                                        p ->
                                                takes(c -> c.profile().equals(p.id())).stream()
                                                        .sorted(
                                                                Comparator.comparing(
                                                                                (Take t) ->
                                                                                        t.clip()
                                                                                                .createdAt())
                                                                        .thenComparing(
                                                                                t ->
                                                                                        t.clip()
                                                                                                .id()
                                                                                                .value(),
                                                                                UUIDS)
                                                                        .reversed())
                                                        .toList());
                    }
                }

                /**
                 * The chosen clips as takes: newest recording first, then by start, each with its
                 * recording, profile name and song name.
                 */
                private List<Take> takes(Predicate<Clip> chosen) {
                    List<Take> takes = new ArrayList<>();
                    state.recordings.values().stream()
                            .sorted(
                                    Comparator.comparing(Recording::createdAt)
                                            .thenComparing(r -> r.id().value(), UUIDS)
                                            .reversed())
                            .forEach(
                                    r -> {
                                        Located located =
                                                new Located(
                                                        state.profiles.get(r.profile()).name(), r);
                                        for (Clip c : ofRecording(r.id())) {
                                            if (chosen.test(c)) {
                                                Label song =
                                                        c.song() == null
                                                                ? null
                                                                : state.labels.get(c.song());
                                                takes.add(
                                                        new Take(
                                                                c,
                                                                located,
                                                                song == null ? null : song.name(),
                                                                null));
                                            }
                                        }
                                    });
                    return takes;
                }

                @Override
                public void create(List<Clip> clips) {
                    synchronized (InMemoryWorld.this) {
                        for (Clip c : clips) {
                            linked(c);
                        }
                        clips.forEach(c -> state.clips.put(c.id(), c));
                    }
                }

                @Override
                public boolean update(Clip clip) {
                    synchronized (InMemoryWorld.this) {
                        if (!state.clips.containsKey(clip.id())) {
                            return false;
                        }
                        linked(clip);
                        state.clips.put(clip.id(), clip);
                        return true;
                    }
                }

                @Override
                public boolean delete(ClipId id) {
                    synchronized (InMemoryWorld.this) {
                        return state.clips.remove(id) != null;
                    }
                }

                /** The foreign keys: its recording and song are of its own profile. */
                private void linked(Clip c) {
                    Recording r = state.recordings.get(c.recording());
                    Label song = c.song() == null ? null : state.labels.get(c.song());
                    if (r == null
                            || !r.profile().equals(c.profile())
                            || (c.song() != null
                                    && (song == null
                                            || song.kind() != LabelKind.SONG
                                            || !song.profile().equals(c.profile())))) {
                        throw new IllegalStateException(
                                "a clip's recording and song must be of its own profile");
                    }
                }
            };

    private final Labels labels =
            new Labels() {
                @Override
                public Optional<List<Labels.Listed>> list(
                        Viewer viewer, ProfileName profile, LabelKind kind) {
                    synchronized (InMemoryWorld.this) {
                        return InMemoryWorld.this
                                .visible(viewer, profile)
                                .map(
                                        p ->
                                                state.labels.values().stream()
                                                        .filter(
                                                                l ->
                                                                        l.kind() == kind
                                                                                && l.profile()
                                                                                        .equals(
                                                                                                p
                                                                                                        .id()))
                                                        .sorted(
                                                                Comparator.comparing(
                                                                                (Label l) ->
                                                                                        l.name()
                                                                                                .toLowerCase(
                                                                                                        Locale
                                                                                                                .ROOT))
                                                                        .thenComparing(
                                                                                l ->
                                                                                        l.id().value()))
                                                        .map(
                                                                l ->
                                                                        new Labels.Listed(
                                                                                l,
                                                                                uses(kind, l.id())))
                                                        .toList());
                    }
                }

                @Override
                public Optional<Label> visible(Viewer viewer, LabelKind kind, LabelId id) {
                    synchronized (InMemoryWorld.this) {
                        return Optional.ofNullable(state.labels.get(id))
                                .filter(l -> l.kind() == kind && sees(viewer, l.profile()));
                    }
                }

                @Override
                public void create(Label label) {
                    synchronized (InMemoryWorld.this) {
                        if (taken(label.kind(), label.profile(), label.name(), null)) {
                            throw taken(label);
                        }
                        state.labels.put(label.id(), label);
                    }
                }

                @Override
                public boolean rename(LabelKind kind, LabelId id, String name, Instant now) {
                    synchronized (InMemoryWorld.this) {
                        Label l = state.labels.get(id);
                        if (l == null || l.kind() != kind) {
                            return false;
                        }
                        Label renamed = l.renamed(name, now);
                        if (taken(kind, l.profile(), renamed.name(), id)) {
                            throw taken(renamed);
                        }
                        state.labels.put(id, renamed);
                        relocate(id, renamed);
                        return true;
                    }
                }

                @Override
                public int uses(LabelKind kind, LabelId id) {
                    synchronized (InMemoryWorld.this) {
                        return kind == LabelKind.LOCATION
                                ? (int)
                                        state.recordings.values().stream()
                                                .filter(r -> at(r, id))
                                                .count()
                                : (int)
                                        state.clips.values().stream()
                                                .filter(c -> id.equals(c.song()))
                                                .count();
                    }
                }

                @Override
                public boolean delete(LabelKind kind, LabelId id) {
                    synchronized (InMemoryWorld.this) {
                        Label l = state.labels.get(id);
                        if (l == null || l.kind() != kind) {
                            return false;
                        }
                        state.labels.remove(id);
                        relocate(id, null);
                        for (Clip c : List.copyOf(state.clips.values())) {
                            if (id.equals(c.song())) {
                                state.clips.put(
                                        c.id(),
                                        new Clip(
                                                c.id(),
                                                c.profile(),
                                                c.recording(),
                                                null,
                                                c.start(),
                                                c.end(),
                                                c.displayName(),
                                                c.createdAt(),
                                                c.updatedAt()));
                            }
                        }
                        return true;
                    }
                }

                private boolean at(Recording r, LabelId location) {
                    return r.details().location() != null
                            && r.details().location().id().equals(location);
                }

                /** The recordings at a renamed (or, with null, deleted) location. */
                private void relocate(LabelId location, Label now) {
                    for (Recording r : List.copyOf(state.recordings.values())) {
                        if (at(r, location)) {
                            state.recordings.put(
                                    r.id(),
                                    r.withDetails(
                                            r.details()
                                                    .withLocation(
                                                            now == null
                                                                    ? null
                                                                    : new RecordingDetails.Place(
                                                                            now.id(),
                                                                            now.name()))));
                        }
                    }
                }

                private boolean taken(
                        LabelKind kind, ProfileId profile, String name, LabelId except) {
                    return state.labels.values().stream()
                            .anyMatch(
                                    l ->
                                            l.kind() == kind
                                                    && l.profile().equals(profile)
                                                    && !l.id().equals(except)
                                                    && l.name().equalsIgnoreCase(name));
                }

                private Conflict taken(Label label) {
                    return new Conflict(
                            "a "
                                    + label.kind().noun()
                                    + " named '"
                                    + label.name()
                                    + "' exists in this profile already");
                }
            };
}
