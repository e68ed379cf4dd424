package io.l2risk.streams;

import io.l2risk.serde.RegisteredSchema;
import io.l2risk.serde.SchemaRegistryClient;
import io.l2risk.serde.SchemaRegistryException;
import org.apache.avro.Schema;

/** A registry client that answers from {@code delegate} until {@link #down} is set, then cannot be reached. */
final class FlakyRegistry implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    volatile boolean down;

    FlakyRegistry(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    private void check() {
        if (down) {
            throw new SchemaRegistryException("GET http://registry:8081/schemas/ids/1 failed after 3 attempts: "
                    + "Connection refused", new java.net.ConnectException("Connection refused"));
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        check();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        check();
        return delegate.getById(id);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        check();
        return delegate.getLatest(subject);
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        check();
        return delegate.lookupId(subject, schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        check();
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        check();
        delegate.setCompatibility(subject, level);
    }

    @Override
    public String getCompatibility(String subject) {
        check();
        return delegate.getCompatibility(subject);
    }
}
