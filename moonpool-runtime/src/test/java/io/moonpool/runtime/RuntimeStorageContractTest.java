package io.moonpool.runtime;

import io.moonpool.testkit.ProviderTarget;
import io.moonpool.testkit.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract against the production providers: NodeRuntime nodes on 127.0.0.x, a fresh temp dir per case. */
class RuntimeStorageContractTest extends StorageContract {

    @TempDir
    Path dataDir;

    @Override
    protected ProviderTarget target() {
        return new RuntimeTarget(dataDir);
    }
}
