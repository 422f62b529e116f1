// Residents' names on the map that never overlap: sigma's label grid offers at most `labelDensity`
// labels per grid cell (the largest residents first), and this drawer, sigma's label function,
// skips any name whose box would overlap one already drawn in the frame. The selected resident's
// name is placed first, so it is never the one left out.
import type { NodeLabelDrawingFunction } from 'sigma/rendering';

/** A drawn name and its box, in CSS pixels of the map. */
export interface LabelBox {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space kept clear around each name, in pixels. */
const GAP = 2;

export class LabelPlacer {
  private boxes: LabelBox[] = [];
  private readonly measure = document.createElement('canvas').getContext('2d')!;

  /** The names drawn in the last frame. */
  get drawn(): readonly LabelBox[] {
    return this.boxes;
  }

  /** A new frame: nothing is placed yet but the name that must show (the selected resident's). */
  startFrame(reserved: { label: string; x: number; y: number; size: number } | null, font: Font) {
    this.boxes = [];
    if (reserved?.label) this.boxes.push(this.box(this.measure, reserved, font));
  }

  readonly draw: NodeLabelDrawingFunction = (context, data, settings) => {
    if (!data.label) return;
    const font = {
      size: settings.labelSize,
      weight: settings.labelWeight,
      family: settings.labelFont,
    };
    const box = this.box(context, { ...data, label: data.label }, font);
    const placed = this.boxes.find(
      (b) => b.left === box.left && b.top === box.top && b.text === box.text,
    );
    if (!placed && this.boxes.some((b) => overlaps(b, box))) return;
    if (!placed) this.boxes.push(box);
    context.fillStyle = settings.labelColor.color ?? '#000';
    context.fillText(data.label, box.left + GAP, data.y + font.size / 3);
  };

  private box(
    context: CanvasRenderingContext2D,
    node: { label: string; x: number; y: number; size: number },
    font: Font,
  ): LabelBox {
    context.font = `${font.weight} ${font.size}px ${font.family}`;
    const width = context.measureText(node.label).width;
    const left = node.x + node.size + 3 - GAP;
    return {
      text: node.label,
      left,
      right: left + width + 2 * GAP,
      top: node.y - font.size * 0.6 - GAP,
      bottom: node.y + font.size * 0.6 + GAP,
    };
  }
}

export interface Font {
  size: number;
  weight: string;
  family: string;
}

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
