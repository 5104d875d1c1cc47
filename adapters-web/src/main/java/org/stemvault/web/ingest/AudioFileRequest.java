package org.stemvault.web.ingest;

import org.stemvault.web.json.Fields;

/**
 * A source file to register: {@code {"filename", "storage_url"?, "file_size_bytes",
 * "duration_seconds"}}.
 */
record AudioFileRequest(
        String filename, String storageUrl, long fileSizeBytes, double durationSeconds) {

    static AudioFileRequest from(Fields f) {
        return new AudioFileRequest(
                f.text("filename"),
                f.optionalText("storage_url"),
                f.integer("file_size_bytes"),
                f.number("duration_seconds"));
    }
}
