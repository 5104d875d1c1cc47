package org.stemvault.web.library;

import org.stemvault.web.json.Fields;

/** A recording's new display name and/or description; what is absent (or null) stays as it is. */
record EditRequest(String displayName, String description) {

    /** {@code {"display_name"?, "description"?}}. */
    static EditRequest from(Fields f) {
        return new EditRequest(f.optionalText("display_name"), f.optionalText("description"));
    }

    /** {@code {"display_name"}}: the existing client's rename; an empty name clears it. */
    static EditRequest rename(Fields f) {
        return new EditRequest(f.text("display_name"), null);
    }
}
