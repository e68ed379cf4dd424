package io.l2risk.engine.indicators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Deterministic months of ordinary bridge traffic (seeded {@link Random}): Poisson withdrawals whose
 * hourly rate follows a diurnal sine, a few busy days at 3×, per-token lognormal amounts, occasional
 * whales (20–100× a normal draw), a long tail of rarely used tokens, ingest heartbeats every 15 min and,
 * optionally, hourly escrow readings. Nothing here is tuned to an incident: the shape is what a
 * bridge's ordinary week looks like, the rates are parameters.
 */
final class SyntheticBridgeTraffic {

    /** One token of the mix: its share of withdrawals, median amount (whole units) and lognormal σ. */
    record Token(String address, double share, double medianUnits, double sigma) {
    }

    private final String rollup;
    private final long seed;
    private double meanPerHour = 15;
    private double diurnalAmplitude = 0.65;
    private int busyDays = 3;
    private double busyFactor = 3;
    private double whaleProbability = 0.003;
    private boolean escrowReadings;
    private List<Token> mix = defaultMix();

    /** Days picked as busy by the last {@link #generate}, as day offsets from the start. */
    private final Set<Integer> busy = new HashSet<>();
    private int withdrawals;
    private int whales;

    SyntheticBridgeTraffic(String rollup, long seed) {
        this.rollup = rollup;
        this.seed = seed;
    }

    /** Nomad's Ethereum side: 5–25 releases per hour normally (incidents.md B1, measured). */
    static List<Token> defaultMix() {
        List<Token> mix = new ArrayList<>(List.of(
                new Token(null, 0.20, 1.5, 1.5),
                new Token(BridgeEvents.WETH, 0.15, 1.5, 1.5),
                new Token(BridgeEvents.USDC, 0.25, 3000, 1.5),
                new Token(BridgeEvents.USDT, 0.10, 3000, 1.5),
                new Token(BridgeEvents.DAI, 0.10, 2000, 1.5),
                new Token(BridgeEvents.WBTC, 0.10, 0.1, 1.5)));
        for (int i = 1; i <= 10; i++) {
            mix.add(new Token(String.format("0x%040x", 0x7000L + i), 0.01, 1000, 1.5));
        }
        return mix;
    }

    SyntheticBridgeTraffic meanPerHour(double value) {
        this.meanPerHour = value;
        return this;
    }

    SyntheticBridgeTraffic busyDays(int value) {
        this.busyDays = value;
        return this;
    }

    SyntheticBridgeTraffic whaleProbability(double value) {
        this.whaleProbability = value;
        return this;
    }

    SyntheticBridgeTraffic escrowReadings(boolean value) {
        this.escrowReadings = value;
        return this;
    }

    SyntheticBridgeTraffic mix(List<Token> value) {
        this.mix = List.copyOf(value);
        return this;
    }

    Set<Integer> busy() {
        return busy;
    }

    int withdrawals() {
        return withdrawals;
    }

    int whales() {
        return whales;
    }

    /** {@code days} days of records from {@code start}, in L1 time order. */
    List<SpecificRecord> generate(Instant start, int days) {
        Random random = new Random(seed);
        busy.clear();
        while (busy.size() < Math.min(busyDays, days - 7)) {
            // Busy days fall after the first week, when a baseline exists, as in a real deployment's life.
            busy.add(7 + random.nextInt(days - 7));
        }
        withdrawals = 0;
        whales = 0;
        List<Timed> out = new ArrayList<>();
        long txCounter = seed * 1_000_000_000L;
        double totalShare = mix.stream().mapToDouble(Token::share).sum();
        for (int hour = 0; hour < days * 24; hour++) {
            Instant hourStart = start.plus(Duration.ofHours(hour));
            double rate = meanPerHour * (1 + diurnalAmplitude * Math.sin(2 * Math.PI * ((hour % 24) - 8) / 24.0));
            if (busy.contains(hour / 24)) {
                rate *= busyFactor;
            }
            int n = poisson(random, rate);
            for (int i = 0; i < n; i++) {
                Instant time = hourStart.plusSeconds(random.nextInt(3600));
                Token token = pick(random, totalShare);
                double units = token.medianUnits() * Math.exp(token.sigma() * random.nextGaussian());
                if (random.nextDouble() < whaleProbability) {
                    units *= 20 + 80 * random.nextDouble();
                    whales++;
                }
                BigInteger amount = baseUnits(token.address(), units);
                out.add(new Timed(time, 0, BridgeEvents.withdrawal(rollup, time, token.address(), amount,
                        BridgeEvents.tx(++txCounter))));
                withdrawals++;
            }
            if (escrowReadings) {
                for (Token token : mix) {
                    // Escrow ≈ 60 days of that token's mean outflow (Nomad held ≈ $190M against a few $M a day).
                    double meanUnits = token.medianUnits() * Math.exp(token.sigma() * token.sigma() / 2);
                    double balance = meanUnits * meanPerHour * 24 * 60 * token.share() / totalShare
                            * (0.98 + 0.04 * random.nextDouble());
                    out.add(new Timed(hourStart, 1, BridgeEvents.escrow(rollup, hourStart, token.address(),
                            baseUnits(token.address(), balance))));
                }
            }
            for (int minute = 0; minute < 60; minute += 15) {
                Instant time = hourStart.plus(Duration.ofMinutes(minute));
                out.add(new Timed(time, 2, BridgeEvents.progress(rollup, time)));
            }
        }
        out.sort(Comparator.comparing(Timed::time).thenComparingInt(Timed::order));
        return out.stream().map(Timed::record).toList();
    }

    private Token pick(Random random, double totalShare) {
        double x = random.nextDouble() * totalShare;
        for (Token token : mix) {
            x -= token.share();
            if (x < 0) {
                return token;
            }
        }
        return mix.get(mix.size() - 1);
    }

    private static BigInteger baseUnits(String token, double units) {
        BigInteger amount = BigDecimal.valueOf(units).movePointRight(BridgeEvents.decimals(token))
                .setScale(0, RoundingMode.HALF_UP).toBigInteger();
        return amount.max(BigInteger.ONE);
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private record Timed(Instant time, int order, SpecificRecord record) {
    }
}
