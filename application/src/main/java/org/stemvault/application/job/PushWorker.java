package org.stemvault.application.job;

/**
 * A worker that is handed jobs (a serverless GPU function, as the system we replace deployed): it
 * reads the source from the media store at {@code inputKey}, writes the recording's files and
 * {@code metadata.json} to {@code <profile>/<output_name>/}, then POSTs its outcome to {@code
 * callbackUrl}.
 */
public interface PushWorker {

    /** What the worker is sent: the payload of the system we replace. */
    record Request(
            String jobId,
            String profileName,
            String strategyName,
            String inputKey,
            String outputName,
            String format,
            String bitrate,
            String callbackUrl) {}

    /**
     * Hands the job over; {@link Refused} when the worker did not take it (down, busy, an error
     * status).
     */
    void send(Request request);

    /** The worker did not take the job; the message says what it answered. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
