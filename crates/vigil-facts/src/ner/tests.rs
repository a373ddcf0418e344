//! The committed models on sentences written for these tests, and on input of any shape.
