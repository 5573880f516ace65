"""Layer 2: WebRTC peer links (aiortc) and the signaling socket to the support center."""
