package org.stemvault.worker;

/**
 * A job that cannot be done, with the reason its owner reads in the job's {@code error}: the
 * separation command failed or timed out, its output could not be read, the service refused a
 * request ({@link #status} is then the HTTP status, else 0).
 */
final class Failure extends RuntimeException {

    private final int status;

    Failure(String reason) {
        this(reason, 0);
    }

    Failure(String reason, int status) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The service will not take this worker's token: nothing it tries will work. */
    boolean unauthorized() {
        return status == 401 || status == 403;
    }
}
