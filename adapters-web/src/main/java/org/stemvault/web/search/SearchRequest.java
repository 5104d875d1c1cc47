package org.stemvault.web.search;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Vector;
import org.stemvault.web.json.Fields;

/**
 * {@code POST /api/search}'s body: {@code {"query"?, "vector"?, "space"?, "mode", "profiles"?,
 * "limit"?, "min_similarity"?, "filters"?: {"stem_type"?, "duration_min"?, "duration_max"?,
 * "lufs_min"?, "lufs_max"?, "created_after"?, "created_before"?}}}, read into a checked query;
 * {@code mode} as the client spelled it.
 */
record SearchRequest(SearchQuery query, String mode) {

    static SearchRequest from(Fields f) {
        String mode = f.text("mode");
        SearchQuery.Mode parsed;
        try {
            parsed = SearchQuery.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("mode", "must be semantic, fulltext or hybrid");
        }
        Vector vector = f.has("vector") ? f.build(() -> Vector.of(f.floats("vector"))) : null;
        return new SearchRequest(
                new SearchQuery(
                        parsed,
                        f.optionalText("query"),
                        vector,
                        f.optionalText("space"),
                        profiles(f.optionalTexts("profiles")),
                        f.has("limit") ? (int) f.integer("limit") : 10,
                        f.has("min_similarity") ? f.number("min_similarity") : -1,
                        filters(f.optionalObject("filters"))),
                mode);
    }

    private static Set<ProfileName> profiles(List<String> names) {
        if (names == null) {
            return null;
        }
        Set<ProfileName> profiles = new HashSet<>();
        for (String name : names) {
            try {
                profiles.add(new ProfileName(name));
            } catch (Invalid e) {
                throw new Invalid("profiles", "holds a name that is not a profile name");
            }
        }
        return profiles;
    }

    private static SearchQuery.Filters filters(Fields f) {
        if (f == null) {
            return SearchQuery.Filters.NONE;
        }
        String stemType = f.optionalText("stem_type");
        String key = f.optionalText("key");
        Boolean related = f.optionalBoolean("key_related");
        return f.build(
                () ->
                        SearchQuery.Filters.NONE
                                .withStemType(stemType == null ? null : new StemType(stemType))
                                .withDuration(
                                        f.optionalNumber("duration_min"),
                                        f.optionalNumber("duration_max"))
                                .withLoudness(
                                        f.optionalNumber("lufs_min"), f.optionalNumber("lufs_max"))
                                .withCreated(
                                        f.optionalInstant("created_after"),
                                        f.optionalInstant("created_before"))
                                .withSong(labelId(f, "song_id"))
                                .withLocation(labelId(f, "location_id"))
                                .withRecorded(
                                        f.optionalDate("recorded_from"),
                                        f.optionalDate("recorded_to"))
                                .withTempo(f.optionalNumber("bpm_min"), f.optionalNumber("bpm_max"))
                                .withKeys(Feel.keys("filters.", key, related)));
    }

    /** A song or location id; one that is not a UUID is refused by name. */
    private static LabelId labelId(Fields f, String name) {
        String value = f.optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return new LabelId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new Invalid("filters." + name, "is not an id");
        }
    }
}
