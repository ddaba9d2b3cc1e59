// Placeholder until the domain modules land; every domain module is re-exported from here.
export {};
