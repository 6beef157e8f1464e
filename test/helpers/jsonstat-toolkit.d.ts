// The part of jsonstat-toolkit's API the tests use (the package ships no types).
declare module 'jsonstat-toolkit' {
  interface Category {
    label: string;
  }
  interface Dimension {
    id: string[];
    label: string;
    Category(id: string): Category;
  }
  interface Dataset {
    id: string[];
    role: Record<string, string[]>;
    Dimension(id: string): Dimension;
    Data(where: Record<string, string>): { value: number | null; status: string | null };
    toTable(options: {
      type: 'arrobj';
      content?: 'id' | 'label';
      status?: boolean;
    }): Record<string, unknown>[];
  }
  export default function JSONstat(input: unknown): Dataset;
}
