/** Given names the seeds combine into users (a varied, international mix). */
export const FIRST_NAMES = [
  'Aaliyah', 'Adam', 'Aiko', 'Alejandro', 'Amara', 'Ana', 'Andre', 'Anika', 'Ben', 'Bianca',
  'Carlos', 'Chen', 'Chloe', 'Daniel', 'Deepa', 'Diego', 'Elena', 'Emeka', 'Emily', 'Farah',
  'Felix', 'Grace', 'Hana', 'Hassan', 'Ines', 'Isaac', 'Jade', 'James', 'Jin', 'Julia',
  'Kai', 'Kenji', 'Lara', 'Leo', 'Lina', 'Lucas', 'Maya', 'Mateo', 'Mei', 'Mohammed',
  'Nadia', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Ryan', 'Sara', 'Sofia',
  'Tariq', 'Tomas', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Liam',
] as const;

/** Family names the seeds combine into users. */
export const LAST_NAMES = [
  'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Bauer', 'Bianchi', 'Chang', 'Clarke', 'Costa', 'Dubois',
  'Edwards', 'Ferreira', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen', 'Hughes', 'Ivanova', 'Jensen',
  'Johnson', 'Kaur', 'Kim', 'Kowalski', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Mensah', 'Moreau',
  'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rahman',
  'Reyes', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Sato', 'Tanaka', 'Thompson',
  'Torres', 'Usman', 'Valdez', 'Wagner', 'Walker', 'Wang', 'Weber', 'Yilmaz', 'Young', 'Zhang',
] as const;

/** Company stems for generated child accounts (fictional companies). */
export const COMPANY_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne',
  'Tyrell', 'Wonka', 'Oscorp', 'Pied Piper', 'Massive Dynamic', 'Dunder Mifflin', 'Sterling Cooper',
  'Monarch', 'Bluth', 'Gekko', 'Nakatomi', 'Virtucon', 'Aperture', 'Black Mesa', 'Blue Sun', 'Wernham Hogg',
  'Prestige Worldwide', 'Los Pollos', 'Krusty', 'Planet Express', 'Spacely', 'Cogswell', 'Ollivander',
  'Duff', 'Gringotts', 'Hanso', 'Veidt', 'Yoyodyne', 'Zorg', 'Rekall',
] as const;

/** Legal and descriptive suffixes combined with the stems. */
export const COMPANY_SUFFIXES = [
  'Corporation', 'Industries', 'LLC', 'Group', 'Holdings', 'Partners', 'Inc.', '& Sons', 'Labs', 'Logistics',
] as const;

/** Group names every seeded account carries. */
export const GROUP_NAMES = ['Engineering', 'Sales', 'Finance', 'IT Admins', 'Contractors', 'Executives'] as const;
