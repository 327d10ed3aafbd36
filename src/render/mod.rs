//! Stage 4, render.
