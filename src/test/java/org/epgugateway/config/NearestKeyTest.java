package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Guessing the key a typo meant: only when the guess is obvious. */
class NearestKeyTest {

    private static final List<String> KEYS = List.of("gateway.inbox", "gateway.outbox", "gateway.inbox.poll-delay",
            "gateway.workers", "retry.max-delay", "sftp.retry.max-delay");

    @Test
    void a_key_one_or_two_edits_away_names_the_known_key() {
        assertThat(NearestKey.among("gateway.inboxx", KEYS)).contains("gateway.inbox");
        assertThat(NearestKey.among("gateway.worker", KEYS)).contains("gateway.workers");
        assertThat(NearestKey.among("gateway.inbox.poll_delay", KEYS)).contains("gateway.inbox.poll-delay");
        assertThat(NearestKey.among("GATEWAY.INBOXX", KEYS)).contains("gateway.inbox");
    }

    @Test
    void no_guess_when_nothing_is_close_or_two_keys_are_equally_close() {
        assertThat(NearestKey.among("gateway.frobnicate", KEYS)).isEmpty();
        assertThat(NearestKey.among("abc", List.of("abd", "abe"))).isEmpty();
        assertThat(NearestKey.among("gateway.inbox", KEYS)).as("a known key is no typo").isEmpty();
    }

    @Test
    void distance_counts_insertions_deletions_and_substitutions() {
        assertThat(NearestKey.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearestKey.distance("", "abc")).isEqualTo(3);
        assertThat(NearestKey.distance("same", "same")).isZero();
    }
}
