package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GostProviderTest {

    @AfterEach
    void leave_the_provider_installed_for_other_tests() {
        GostProvider.install();
    }

    @Test
    void concurrent_installs_register_bouncycastle_once_after_the_jdk_providers() throws Exception {
        Security.removeProvider(GostProvider.NAME);
        String firstBefore = Security.getProviders()[0].getName();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> installs = new ArrayList<>();

        try {
            for (int i = 0; i < threads; i++) {
                installs.add(pool.submit(() -> {
                    start.await();
                    GostProvider.install();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> install : installs) {
                install.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> names = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();
        assertThat(names).filteredOn(GostProvider.NAME::equals).hasSize(1);
        assertThat(names.get(names.size() - 1)).isEqualTo(GostProvider.NAME);
        assertThat(names.get(0)).isEqualTo(firstBefore);
    }

    @Test
    void the_installed_provider_supplies_the_gost_2012_algorithms() throws Exception {
        GostProvider.install();

        assertThat(Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", GostProvider.NAME)).isNotNull();
        assertThat(MessageDigest.getInstance("GOST3411-2012-512", GostProvider.NAME)).isNotNull();
    }
}
