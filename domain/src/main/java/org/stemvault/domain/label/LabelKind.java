package org.stemvault.domain.label;

/** What a label of a profile names: a song the band plays, or a place it records. */
public enum LabelKind {
    SONG("song"),
    LOCATION("location");

    private final String noun;

    LabelKind(String noun) {
        this.noun = noun;
    }

    /** {@code song} or {@code location}, as messages and the API say it. */
    public String noun() {
        return noun;
    }
}
