package io.l2risk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged in this JVM while open, at the levels given (e.g. Kafka clients at
 * INFO, so that their config dumps are captured too), with stack traces. Restores the levels on close.
 */
public final class LogCapture implements AutoCloseable {

    private final Appender appender;
    private final Map<String, Level> previous = new java.util.HashMap<>();

    private LogCapture(Map<String, Level> levels) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new Appender(PatternLayout.newBuilder().withPattern("%-5level %c - %msg%n%throwable").build());
        appender.start();
        config.addAppender(appender);
        levels.forEach((logger, level) -> {
            previous.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, level);
        });
        // The root's appenders see every event of an additive logger, whatever the root's own level;
        // a non-additive logger needs the appender itself.
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.isAdditive() && logger != config.getRootLogger()) {
                logger.addAppender(appender, Level.ALL, null);
            }
        }
        context.updateLoggers();
    }

    /** Starts capturing; {@code levels} maps logger names to the level to log them at meanwhile. */
    public static LogCapture start(Map<String, Level> levels) {
        return new LogCapture(levels);
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (appender.lines) {
            return String.join("", appender.lines);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        previous.forEach(Configurator::setLevel);
        context.updateLoggers();
        appender.stop();
    }

    private static final class Appender extends AbstractAppender {
        private final List<String> lines = new ArrayList<>();

        Appender(PatternLayout layout) {
            super("capture-" + System.nanoTime(), null, layout, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String line = getLayout().toSerializable(event).toString();
            synchronized (lines) {
                lines.add(line);
            }
        }
    }
}
