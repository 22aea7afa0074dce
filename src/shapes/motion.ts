import { randomInt, type Random } from '../../rtps/index.js';

/** shape_main's drawing area. */
export const DA_WIDTH = 240;
export const DA_HEIGHT = 270;

export interface Motion {
  x: number;
  y: number;
  xvel: number;
  yvel: number;
}

/** A random start inside the area with a speed of 1..5 in each direction, as shape_main picks it. */
export function startMotion(r: Random): Motion {
  const speed = (): number => (randomInt(r, 5) + 1) * (randomInt(r, 2) === 1 ? -1 : 1);
  return { x: randomInt(r, DA_WIDTH), y: randomInt(r, DA_HEIGHT), xvel: speed(), yvel: speed() };
}

/** One step, bouncing off the edges (shape_main's moveShape). */
export function moveShape(m: Motion): Motion {
  let { x, y, xvel, yvel } = m;
  x += xvel;
  y += yvel;
  if (x < 0) [x, xvel] = [0, -xvel];
  if (x > DA_WIDTH) [x, xvel] = [DA_WIDTH, -xvel];
  if (y < 0) [y, yvel] = [0, -yvel];
  if (y > DA_HEIGHT) [y, yvel] = [DA_HEIGHT, -yvel];
  return { x, y, xvel, yvel };
}
