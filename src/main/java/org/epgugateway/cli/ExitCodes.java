package org.epgugateway.cli;

/**
 * The exit codes every command uses, so scripts and supervisors can tell a broken configuration from a failure.
 */
final class ExitCodes {

    /** Done: the gateway stopped cleanly, or the command did what was asked. */
    static final int OK = 0;
    /** The work failed: a signature does not verify, signing failed, the gateway stopped on an error. */
    static final int FAILED = 1;
    /** The configuration, the key, the store or a file named on the command line cannot be used. */
    static final int BAD_CONFIGURATION = 2;

    private ExitCodes() {
    }
}
