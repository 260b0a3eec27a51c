package org.epgugateway.emulator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * The gate that injects faults, checked in the order a request meets them on its way: ESIA outage, armed faults,
 * bursts, resets, timeouts and errors of the plan (the proxy in front), then tokens that died early (the bearer
 * check), then answers scripted for an order (the endpoint). A request gets at most one fault, plus latency when it
 * is answered.
 */
final class FaultGate implements EndpointGate, OrderScript {

    private static final Logger LOG = LoggerFactory.getLogger(FaultGate.class);
    private static final String BEARER = "bearer ";

    private final FaultPlan plan;
    private final FaultDraws draws;
    private final EsiaOutage outage;
    private final ArmedFaults armed;
    private final TokenFaults tokenFaults;
    private final TokenIssuer tokens;
    private final OrderRegistry registry;
    private final EmulatorJournal journal;
    private final Clock clock;
    private final Map<FaultTarget, AtomicLong> counters = new ConcurrentHashMap<>();

    /** One target whose rules apply to a request, and the number of the request among the target's requests. */
    private record Consulted(FaultTarget target, TargetRules rules, long number) {
    }

    FaultGate(FaultPlan plan, EsiaOutage outage, ArmedFaults armed, TokenFaults tokenFaults, TokenIssuer tokens,
              OrderRegistry registry, EmulatorJournal journal, Clock clock) {
        this.plan = plan;
        this.draws = new FaultDraws(plan.seed());
        this.outage = outage;
        this.armed = armed;
        this.tokenFaults = tokenFaults;
        this.tokens = tokens;
        this.registry = registry;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public GateDecision before(Endpoint endpoint, Request request, Matcher path) {
        // scripts and tests read the journal while faults fly; it is never faulted
        if (endpoint == Endpoint.JOURNAL) {
            return GateDecision.PASS;
        }
        List<Consulted> consulted = consult(endpoint);
        Optional<ArmedFaults.Shot> shot = esiaOutage(endpoint)
                .or(() -> armed.take(endpoint))
                .or(() -> planned(consulted))
                .or(() -> expiredToken(endpoint, request))
                .or(() -> orderOf(endpoint, path).flatMap(orderId -> armed.takeForOrder(orderId, endpoint)));
        GateDecision decision = shot.map(fault -> fired(fault, endpoint)).orElse(GateDecision.PASS);
        return delayed(decision, endpoint, consulted);
    }

    @Override
    public Optional<HttpReply> answerFor(Endpoint endpoint, long orderId) {
        return armed.takeForOrder(orderId, endpoint)
                .map(shot -> fired(shot, endpoint))
                .filter(GateDecision.Answer.class::isInstance)
                .map(decision -> ((GateDecision.Answer) decision).reply());
    }

    private List<Consulted> consult(Endpoint endpoint) {
        List<Consulted> consulted = new ArrayList<>();
        for (FaultTarget target : List.of(FaultTarget.of(endpoint), FaultTarget.EPGU)) {
            if (target.covers(endpoint) && plan.targets().containsKey(target)) {
                long number = counters.computeIfAbsent(target, t -> new AtomicLong()).incrementAndGet();
                consulted.add(new Consulted(target, plan.rules(target), number));
            }
        }
        return consulted;
    }

    private Optional<ArmedFaults.Shot> esiaOutage(Endpoint endpoint) {
        if (endpoint != Endpoint.ESIA_TOKEN) {
            return Optional.empty();
        }
        return outage.now().map(mode -> new ArmedFaults.Shot(FaultKind.ESIA_OUTAGE, mode == OutageMode.RESET
                ? new GateDecision.Reset(0)
                : new GateDecision.Answer(FaultAnswer.SERVICE_UNAVAILABLE.reply(Duration.ZERO), Duration.ZERO)));
    }

    private Optional<ArmedFaults.Shot> planned(List<Consulted> consulted) {
        for (Consulted each : consulted) {
            TargetRules.Burst burst = each.rules().burst();
            if (burst != null && each.number() > burst.after() && each.number() <= burst.after() + burst.count()) {
                return Optional.of(answer(burst.answer(), each.rules()));
            }
        }
        for (Consulted each : consulted) {
            Optional<ArmedFaults.Shot> shot = scheduled(each).or(() -> drawn(each));
            if (shot.isPresent()) {
                return shot;
            }
        }
        return Optional.empty();
    }

    private static Optional<ArmedFaults.Shot> scheduled(Consulted each) {
        TargetRules rules = each.rules();
        if (rules.resetAt().contains(each.number())) {
            return Optional.of(reset(rules));
        }
        if (rules.timeoutAt().contains(each.number())) {
            return Optional.of(timeout(rules));
        }
        return Optional.empty();
    }

    /** One draw per request and target, split into the shares of resets, timeouts and errors. */
    private Optional<ArmedFaults.Shot> drawn(Consulted each) {
        TargetRules rules = each.rules();
        if (!rules.drawsFaults()) {
            return Optional.empty();
        }
        double draw = draws.unit(each.target().word() + "/fault", each.number());
        if (draw < rules.resetRate()) {
            return Optional.of(reset(rules));
        }
        draw -= rules.resetRate();
        if (draw < rules.timeoutRate()) {
            return Optional.of(timeout(rules));
        }
        draw -= rules.timeoutRate();
        if (draw < rules.errorRate()) {
            return Optional.of(answer(pick(rules.errorMix(), draws.unit(each.target().word() + "/mix",
                    each.number())), rules));
        }
        return Optional.empty();
    }

    private static FaultAnswer pick(Map<FaultAnswer, Integer> weights, double draw) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double point = draw * total;
        FaultAnswer picked = null;
        for (Map.Entry<FaultAnswer, Integer> entry : weights.entrySet()) {
            picked = entry.getKey();
            point -= entry.getValue();
            if (point < 0) {
                break;
            }
        }
        return picked;
    }

    private Optional<ArmedFaults.Shot> expiredToken(Endpoint endpoint, Request request) {
        if (!endpoint.needsBearer()) {
            return Optional.empty();
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        // a token the issuer does not honour is refused by the bearer check itself, not by a fault
        return tokens.grantFor(token)
                .filter(grant -> tokenFaults.refuses(token, grant, clock.instant()))
                .map(grant -> new ArmedFaults.Shot(FaultKind.TOKEN_EXPIRED_EARLY,
                        new GateDecision.Answer(HttpReply.empty(401), Duration.ZERO)));
    }

    /** The order a request is about, when its path tells. */
    private Optional<Long> orderOf(Endpoint endpoint, Matcher path) {
        return switch (endpoint) {
            case ORDER_DETAILS, ORDER_CANCEL -> number(path.group("orderId"));
            case DOWNLOAD, STORAGE_DOWNLOAD -> number(path.group("objectId"))
                    .flatMap(registry::findByHistoryId)
                    .map(Order::id);
            default -> Optional.empty();
        };
    }

    /** Only an answer can come late; a held or reset request gets none. */
    private GateDecision delayed(GateDecision decision, Endpoint endpoint, List<Consulted> consulted) {
        if (decision instanceof GateDecision.Answer answer) {
            Duration latency = latency(endpoint, consulted);
            return latency.isZero() ? answer : new GateDecision.Answer(answer.reply(), latency);
        }
        if (decision instanceof GateDecision.Pass) {
            Duration latency = latency(endpoint, consulted);
            return latency.isZero() ? decision : new GateDecision.Pass(latency);
        }
        return decision;
    }

    private Duration latency(Endpoint endpoint, List<Consulted> consulted) {
        for (Consulted each : consulted) {
            TargetRules rules = each.rules();
            if (rules.hasLatency()) {
                long spread = rules.latencyMax().minus(rules.latencyMin()).toMillis();
                long extra = (long) (draws.unit(each.target().word() + "/latency", each.number()) * (spread + 1));
                journal.recordFault(FaultKind.LATENCY, endpoint);
                return rules.latencyMin().plusMillis(extra);
            }
        }
        return Duration.ZERO;
    }

    private GateDecision fired(ArmedFaults.Shot shot, Endpoint endpoint) {
        journal.recordFault(shot.kind(), endpoint);
        LOG.debug("Injected {} on {}", shot.kind().word(), endpoint);
        return shot.decision();
    }

    static ArmedFaults.Shot answer(FaultAnswer answer, TargetRules rules) {
        return new ArmedFaults.Shot(answer.kind(), new GateDecision.Answer(answer.reply(rules.retryAfter()),
                Duration.ZERO));
    }

    static ArmedFaults.Shot reset(TargetRules rules) {
        return new ArmedFaults.Shot(FaultKind.RESET, new GateDecision.Reset(rules.resetAfterBytes()));
    }

    static ArmedFaults.Shot timeout(TargetRules rules) {
        return new ArmedFaults.Shot(FaultKind.TIMEOUT, new GateDecision.Hold(rules.timeoutHold(),
                rules.timeoutMode()));
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
