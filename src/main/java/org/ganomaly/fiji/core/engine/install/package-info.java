/**
 * Getting libtorch where DJL 0.36's PyTorch engine looks for it, visibly: {@link LibtorchLookup} finds what DJL
 * would load (and refuses to let it download unseen), {@link LibtorchInstaller} downloads DJL's build for this
 * machine with progress, cancellation, verification and an atomic move into DJL's cache. Uses DJL's utilities,
 * nothing else in core.
 */
package org.ganomaly.fiji.core.engine.install;
