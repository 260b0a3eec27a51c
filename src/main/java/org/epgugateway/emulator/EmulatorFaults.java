package org.epgugateway.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The handle tests use to break a running emulator on purpose: ESIA outages, bursts of error answers, timeouts and
 * resets of the next requests, answers scripted for one order, tokens that stop working, results that never arrive
 * and hostile answer archives. Faults armed here come on top of the emulator's {@link FaultPlan}.
 */
public final class EmulatorFaults {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorFaults.class);
    private static final Set<Endpoint> ORDER_ENDPOINTS = EnumSet.of(Endpoint.PUSH_CHUNKED, Endpoint.ORDER_DETAILS,
            Endpoint.ORDER_CANCEL, Endpoint.DOWNLOAD, Endpoint.STORAGE_DOWNLOAD);

    private final FaultPlan plan;
    private final EsiaOutage outage;
    private final ArmedFaults armed;
    private final TokenFaults tokens;
    private final AnswerFaults answers;

    EmulatorFaults(FaultPlan plan, EsiaOutage outage, ArmedFaults armed, TokenFaults tokens, AnswerFaults answers) {
        this.plan = plan;
        this.outage = outage;
        this.armed = armed;
        this.tokens = tokens;
        this.answers = answers;
    }

    /** ESIA goes down until {@link #endEsiaOutage()}: token requests are answered 503. */
    public void startEsiaOutage() {
        startEsiaOutage(OutageMode.UNAVAILABLE);
    }

    /** ESIA goes down until {@link #endEsiaOutage()}, answering token requests as the mode says. */
    public void startEsiaOutage(OutageMode mode) {
        outage.start(Objects.requireNonNull(mode, "mode"));
        LOG.info("ESIA is down ({}) until the test ends the outage (fault injection)", mode.word());
    }

    /** Ends an outage started by {@link #startEsiaOutage()}; outage windows of the plan still apply. */
    public void endEsiaOutage() {
        outage.end();
        LOG.info("ESIA is up again (fault injection)");
    }

    /** True while ESIA is down, whether a test or a window of the plan took it down. */
    public boolean esiaDown() {
        return outage.now().isPresent();
    }

    /**
     * The next {@code count} requests to the endpoint get this answer; a 429 carries the {@code Retry-After} the plan
     * configures for the endpoint (2 s by default).
     */
    public void armBurst(Endpoint endpoint, FaultAnswer answer, int count) {
        armBurst(endpoint, answer, count, plan.rules(target(endpoint)).retryAfter());
    }

    /** The next {@code count} requests to the endpoint get this answer; a 429 says {@code Retry-After}. */
    public void armBurst(Endpoint endpoint, FaultAnswer answer, int count, Duration retryAfter) {
        target(endpoint);
        positive(count);
        armed.arm(endpoint, new ArmedFaults.Shot(answer.kind(), new GateDecision.Answer(answer.reply(retryAfter),
                Duration.ZERO)), count);
    }

    /**
     * The next request to the endpoint loses its connection while its body is read; it gets no answer and the
     * endpoint never sees it.
     */
    public void armReset(Endpoint endpoint) {
        armed.arm(endpoint, FaultGate.reset(plan.rules(target(endpoint))), 1);
    }

    /** The next upload part loses its connection mid-body and is not received. */
    public void armUploadReset() {
        armReset(Endpoint.PUSH_CHUNKED);
    }

    /**
     * The next request to the endpoint gets no answer: it is held, then its connection is dropped.
     *
     * @param hold how long it is held; {@link FaultPlan#HOLD_FOREVER} until the emulator stops
     * @param mode whether the endpoint still runs
     */
    public void armTimeout(Endpoint endpoint, Duration hold, TimeoutMode mode) {
        target(endpoint);
        FaultPlan.checkHold(hold);
        armed.arm(endpoint, new ArmedFaults.Shot(FaultKind.TIMEOUT, new GateDecision.Hold(hold,
                Objects.requireNonNull(mode, "mode"))), 1);
    }

    /**
     * The next {@code count} requests about this order to the endpoint get this answer; the endpoints that know
     * their order are E2 (upload), E4 (details), E5 (cancel) and the downloads.
     *
     * @throws IllegalArgumentException for an endpoint that does not know the order of a request
     */
    public void armOrderAnswer(long orderId, Endpoint endpoint, FaultAnswer answer, int count) {
        FaultTarget target = target(endpoint);
        positive(count);
        if (!ORDER_ENDPOINTS.contains(endpoint)) {
            throw new IllegalArgumentException(endpoint + " does not know which order a request is about; "
                    + "answers for one order can be armed at " + ORDER_ENDPOINTS);
        }
        armed.armForOrder(orderId, endpoint, FaultGate.answer(answer, plan.rules(target)), count);
    }

    /** Every token issued so far is refused by EPGU with 401 from now on; a new token works. */
    public void expireIssuedTokens() {
        tokens.expireIssued();
        LOG.info("EPGU refuses every token issued so far (fault injection)");
    }

    /** The order, once its upload completes, stays in status 2 forever. */
    public void withholdResult(long orderId) {
        answers.withhold(orderId);
    }

    /** The order, once its upload completes, is answered with this hostile archive. */
    public void serveHostileAnswer(long orderId, HostileArchive flavour) {
        answers.hostileFor(orderId, Objects.requireNonNull(flavour, "flavour"));
    }

    /** Every order whose upload completes from now on is answered with this hostile archive. */
    public void serveHostileAnswers(HostileArchive flavour) {
        answers.hostileForAll(Objects.requireNonNull(flavour, "flavour"));
    }

    /** Orders get genuine answers again, unless the plan says otherwise. */
    public void stopHostileAnswers() {
        answers.hostileForAll(null);
    }

    /** Disarms everything armed through this handle and ends a test's ESIA outage; the plan still applies. */
    public void disarm() {
        armed.clear();
        answers.clear();
        outage.end();
    }

    /** The journal cannot be faulted: arming it is refused before anything is armed. */
    private static FaultTarget target(Endpoint endpoint) {
        return FaultTarget.of(endpoint);
    }

    private static void positive(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
    }
}
