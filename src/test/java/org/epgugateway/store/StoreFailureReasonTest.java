package org.epgugateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * Why a store cannot be opened, said in one line an operator can act on.
 */
class StoreFailureReasonTest {

    @Test
    void files_held_by_another_process_are_named_as_such() {
        SQLException inUse = new SQLException("Database may be already in use: null. Possible solutions: close all "
                + "other connection(s); use the server mode [90020-232]", "90020", 90020);
        RuntimeException wrapped = new IllegalStateException("Unable to obtain connection from database:\n"
                + "SQL State  : 90020\nError Code : 90020\nMessage    : Database may be already in use", inUse);

        assertThat(StoreDatabase.reasonOf(wrapped)).isEqualTo(
                "its files are in use by another process (a gateway that is still running?)");
    }

    @Test
    void the_database_error_is_preferred_to_its_wrapper_and_kept_to_one_line() {
        SQLException refused = new SQLException("Connection refused\nCheck the host name and port", "08001", 0);

        assertThat(StoreDatabase.reasonOf(new IllegalStateException("Unable to obtain connection\nSQL State: 08001",
                refused))).isEqualTo("Connection refused");
    }

    @Test
    void a_failure_without_a_database_error_keeps_its_first_line() {
        assertThat(StoreDatabase.reasonOf(new IllegalStateException("\nfirst line\nsecond"))).isEqualTo("first line");
        assertThat(StoreDatabase.reasonOf(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
