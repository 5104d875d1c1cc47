package org.stemvault.bootstrap;

/** Starts the Stemvault service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Launcher.launch(args, System.getenv());
    }
}
