package io.moonpool.api.fault;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a discovered {@link FaultInjector}, the one users enable it by ({@code .faults("attrition")})
 * and reports count its reboots under.
 *
 * <p>The runner reads it from the class that a {@code provides} clause or a {@code META-INF/services} file
 * names, without loading an instance: naming an injector costs nothing and runs none of its code, so an
 * injector that needs bindings a simulation lacks is still listed, and only the iterations that enable it
 * build it. A discovered class without this annotation fails discovery.
 *
 * <p>{@link FaultInjector#name()} returns this value unless the class overrides it; a discovered class that
 * overrides it must return the same value.
 *
 * <p>The annotation is not inherited: the name belongs to the class that is registered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InjectorName {

    /**
     * The injector's name: stable, unique among the injectors present, not blank; by convention lowercase
     * words joined by underscores ({@code "partition_random"}).
     *
     * @return the name
     */
    String value();
}
