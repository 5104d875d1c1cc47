package org.stemvault.application.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.World;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.user.User;

class LibraryTest {

    static final EmbeddingSpace TEXT = new EmbeddingSpace("text", 3, EmbeddingSpace.Source.TEXT);

    final World world = new World();
    final TextIndex textIndex =
            new TextIndex(
                    List.of(TEXT),
                    world.ports.embeddingJobs(),
                    world.ports.recordings(),
                    world.ports.embeddings(),
                    () -> {
                        throw new AssertionError("no text is embedded in these tests");
                    },
                    world.clock);
    final Library library =
            new Library(
                    world.ports.catalogue(),
                    world.ports.recordings(),
                    new org.stemvault.application.fakes.InMemoryMediaStore(),
                    world.ports.mediaDeletions(),
                    world.ports.transactions(),
                    world.clock,
                    textIndex,
                    world.ports.jobs(),
                    world.ports.audioFiles());

    final Profile band = world.profile("band");
    final Profile attic = world.profile("attic");
    final User member = world.user("member@example.com");
    final User stranger = world.user("stranger@example.com");
    final Principal memberP = world.principal(member);
    final Principal strangerP = world.principal(stranger);

    {
        world.grant(member, band);
    }

    @Test
    void a_member_sees_their_profiles_and_an_admin_sees_every_profile() {
        assertEquals(List.of(band), library.profiles(memberP));
        assertEquals(
                List.of(attic, band),
                library.profiles(world.principal(world.admin("boss@example.com"))));
        assertEquals(List.of(), library.profiles(strangerP));
    }

    @Test
    void a_profile_that_may_not_be_seen_is_answered_like_one_that_does_not_exist() {
        NotFound hidden = assertThrows(NotFound.class, () -> library.profile(memberP, "attic"));
        NotFound missing =
                assertThrows(NotFound.class, () -> library.profile(memberP, "no-such-band"));
        NotFound unnamable = assertThrows(NotFound.class, () -> library.profile(memberP, "../etc"));
        assertEquals(missing.getMessage(), hidden.getMessage());
        assertEquals(missing.getMessage(), unnamable.getMessage());
        world.take(attic, "secret", 1);
        assertThrows(NotFound.class, () -> library.file(memberP, "attic", "secret"));
        assertThrows(
                NotFound.class,
                () -> page(library.files(memberP.viewer(), "attic", null, null, Known.NOTHING)));
    }

    @Test
    void the_files_list_pages_newest_first_and_a_gone_user_is_unauthenticated() {
        List<Recording> takes = world.takes(band, "a", "b", "c");
        Listing.Page first = page(library.files(memberP.viewer(), "band", null, 2, Known.NOTHING));
        assertEquals(List.of(takes.get(2), takes.get(1)), first.recordings());
        Listing.Page rest =
                page(library.files(memberP.viewer(), "band", first.next(), 2, Known.NOTHING));
        assertEquals(List.of(takes.get(0)), rest.recordings());
        assertNull(rest.next());
        assertThrows(
                Invalid.class,
                () -> page(library.files(memberP.viewer(), "band", null, 0, Known.NOTHING)));
        assertThrows(
                Invalid.class,
                () ->
                        page(
                                library.files(
                                        memberP.viewer(),
                                        "band",
                                        null,
                                        Library.MAX_LIMIT + 1,
                                        Known.NOTHING)));
        world.ports.deleteUser(member.id());
        assertThrows(
                Unauthenticated.class,
                () -> page(library.files(memberP.viewer(), "band", null, null, Known.NOTHING)));
    }

    @Test
    void a_caller_holding_the_current_version_is_told_only_that_until_the_profile_changes() {
        world.takes(band, "a", "b");
        Current<Listing.Page> first =
                library.files(memberP.viewer(), "band", null, null, Known.NOTHING);
        Known held = new Known(Set.of(first.version()), false);
        assertInstanceOf(
                Current.Unchanged.class, library.files(memberP.viewer(), "band", null, null, held));
        assertInstanceOf(
                Current.Unchanged.class,
                library.files(memberP.viewer(), "band", null, null, new Known(Set.of(), true)));
        assertInstanceOf(
                Current.Unchanged.class, library.file(memberP.viewer(), "band", "a", held));
        library.edit(memberP, "band", "a", "Tuesday jam", null);
        Current<Listing.Page> fresh = library.files(memberP.viewer(), "band", null, null, held);
        assertEquals("Tuesday jam", page(fresh).recordings().get(1).displayName());
        assertNotEquals(first.version(), fresh.version());
        Current<Recording> one = library.file(memberP.viewer(), "band", "a", held);
        assertEquals(
                "Tuesday jam",
                ((Current.Read<Recording>) assertInstanceOf(Current.Read.class, one))
                        .value()
                        .displayName());
        assertThrows(
                NotFound.class, () -> library.files(strangerP.viewer(), "band", null, null, held));
        assertThrows(NotFound.class, () -> library.file(memberP.viewer(), "band", "zzz", held));
    }

    private static Listing.Page page(Current<Listing.Page> current) {
        return ((Current.Read<Listing.Page>) assertInstanceOf(Current.Read.class, current)).value();
    }

    @Test
    void an_edit_changes_only_what_is_given_and_queues_the_text_for_embedding() {
        world.take(band, "take-1", 0);
        Recording renamed = library.edit(memberP, "band", "take-1", "Tuesday jam", null);
        assertEquals("Tuesday jam", renamed.displayName());
        assertEquals("", renamed.description());
        assertEquals(1, world.ports.embeddingJobs().pending());
        Recording described = library.edit(memberP, "band", "take-1", null, "loud");
        assertEquals("Tuesday jam", described.displayName());
        assertEquals("loud", described.description());
    }

    @Test
    void an_empty_display_name_clears_it_and_a_blank_one_is_refused() {
        world.take(band, "take-1", 0);
        library.edit(memberP, "band", "take-1", "Tuesday jam", null);
        assertEquals("take-1", library.edit(memberP, "band", "take-1", "", null).displayName());
        Invalid blank =
                assertThrows(
                        Invalid.class, () -> library.edit(memberP, "band", "take-1", "  ", null));
        assertEquals("display_name", blank.field());
        assertEquals(
                "take-1",
                library.file(memberP, "band", "take-1").displayName(),
                "a refused edit changes nothing");
    }

    @Test
    void a_stranger_can_neither_edit_nor_delete_and_a_member_deletes() {
        world.take(band, "take-1", 0);
        assertThrows(NotFound.class, () -> library.edit(strangerP, "band", "take-1", "mine", null));
        assertThrows(NotFound.class, () -> library.delete(strangerP, "band", "take-1"));
        assertTrue(world.ports.mediaDeletions().pending().isEmpty(), "a refused delete asks none");
        library.delete(memberP, "band", "take-1");
        assertThrows(NotFound.class, () -> library.file(memberP, "band", "take-1"));
        assertThrows(NotFound.class, () -> library.delete(memberP, "band", "take-1"));
        assertEquals(
                List.of("band/take-1"),
                world.ports.mediaDeletions().pending().stream()
                        .map(org.stemvault.domain.media.MediaDeletion::folder)
                        .toList(),
                "its stored files are queued for removal, once");
    }

    @Test
    void a_media_name_that_leaves_the_recordings_folder_is_simply_not_found() {
        world.take(band, "take-1", 0);
        for (String name : List.of("../../etc/passwd", "/etc/passwd", "a/../../b", "c:\\x")) {
            assertThrows(
                    NotFound.class,
                    () -> library.media(memberP.viewer(), "band", "take-1", name),
                    name);
        }
        assertEquals(
                assertThrows(
                                NotFound.class,
                                () ->
                                        library.media(
                                                memberP.viewer(),
                                                "no-such-band",
                                                "take-1",
                                                "vocals.opus"))
                        .getMessage(),
                assertThrows(
                                NotFound.class,
                                () ->
                                        library.media(
                                                strangerP.viewer(),
                                                "band",
                                                "take-1",
                                                "vocals.opus"))
                        .getMessage(),
                "someone else's profile answers as a missing one");
    }
}
