/**
 * The control plane of a run ({@code --control-port}): the HTTP + JSON API with its OpenAPI
 * document, the WebSocket event stream, and the dashboard, reaching the stations through {@link
 * io.kilowire.emulator.control.Fleet}.
 */
@NullMarked
package io.kilowire.emulator.control;

import org.jspecify.annotations.NullMarked;
