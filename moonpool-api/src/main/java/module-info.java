/**
 * The Moonpool API: everything user code touches (processes, workloads, providers) and nothing else.
 */
module io.moonpool.api {
    exports io.moonpool.api;
    exports io.moonpool.api.config;
    exports io.moonpool.api.fault;
    exports io.moonpool.api.spi;
}
