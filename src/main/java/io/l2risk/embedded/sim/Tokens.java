package io.l2risk.embedded.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tokens of simulated bridge traffic, with how much a typical transfer moves. Amounts are drawn
 * lognormally around a median, rounded to four significant digits (people send 0.25 ETH, not
 * 0.2497312 ETH) and capped, then written as the unscaled base-10 integer in the token's base unit —
 * never a floating-point value in a record.
 *
 * <p>Caps keep ordinary traffic below the BRIDGE_OUTFLOW cold-start limits (1,000 ETH/WETH, 2 M USDC,
 * USDT, DAI and 50 WBTC per hour), so that a bridge's ordinary day never pages; the medians are of the
 * order of what the retail flows of rollup bridges move (our assumption, not a measurement).
 */
final class Tokens {

    /**
     * One token.
     *
     * @param symbol      ticker, carried in {@code details.symbol}
     * @param address     L1 token address, lower case; {@code null} for ETH
     * @param decimals    base units per whole token, as a power of ten
     * @param medianUnits median transfer, in whole tokens
     * @param sigma       lognormal spread (natural log)
     * @param maxUnits    largest ordinary transfer, in whole tokens
     * @param share       share of transfers
     */
    record Token(String symbol, String address, int decimals, double medianUnits, double sigma, double maxUnits,
                 double share) {
    }

    static final Token ETH = new Token("ETH", null, 18, 0.3, 1.6, 300, 0.55);
    static final Token WETH = new Token("WETH", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", 18, 0.5, 1.6, 300, 0.05);
    static final Token USDC = new Token("USDC", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", 6, 800, 1.8, 400_000, 0.20);
    static final Token USDT = new Token("USDT", "0xdac17f958d2ee523a2206206994597c13d831ec7", 6, 800, 1.8, 400_000, 0.10);
    static final Token DAI = new Token("DAI", "0x6b175474e89094c44da98b954eedeac495271d0f", 18, 500, 1.8, 300_000, 0.05);
    static final Token WBTC = new Token("WBTC", "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599", 8, 0.02, 1.5, 5, 0.05);

    static final List<Token> MIX = List.of(ETH, WETH, USDC, USDT, DAI, WBTC);

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

    private Tokens() {
    }

    /** A token of the ordinary mix. */
    static Token pick(SplittableRandom rng) {
        double u = rng.nextDouble();
        for (Token token : MIX) {
            u -= token.share();
            if (u < 0) {
                return token;
            }
        }
        return ETH;
    }

    /** An ordinary transfer of {@code token}, in base units. */
    static String amount(Token token, SplittableRandom rng) {
        double units = token.medianUnits() * Math.exp(token.sigma() * rng.nextGaussian());
        return baseUnits(token, Math.min(units, token.maxUnits()));
    }

    /** A transfer between {@code minUnits} and {@code maxUnits} whole tokens, uniformly, in base units. */
    static String amountBetween(Token token, double minUnits, double maxUnits, SplittableRandom rng) {
        return baseUnits(token, minUnits + (maxUnits - minUnits) * rng.nextDouble());
    }

    private static String baseUnits(Token token, double units) {
        // The double is only the random draw; the amount itself is exact decimal from here on.
        BigDecimal rounded = new BigDecimal(units, FOUR_DIGITS);
        BigDecimal base = rounded.movePointRight(token.decimals()).setScale(0, RoundingMode.DOWN);
        return base.signum() > 0 ? base.toBigIntegerExact().toString() : "1";
    }
}
