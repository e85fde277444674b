package io.kilowire.core.station;

import org.jspecify.annotations.Nullable;

/** What a station says about itself in its BootNotification. */
public record StationIdentity(
    String vendor, String model, @Nullable String serialNumber, @Nullable String firmwareVersion) {}
